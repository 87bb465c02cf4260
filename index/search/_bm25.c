/* BM25 top-k over posting lists, scores equal to rank-bm25's to the last bit.
 *
 * Called by index/search/bm25.py (Bm25Index.search), which owns every array and the
 * statistics; this file only walks them. Why C: the same MaxScore walk in numpy spends
 * most of a question in per-call overhead (0.5 ms median, 5 ms at p95 at 105,000
 * paragraphs); here it is a few tens of microseconds.
 *
 * search(norm, keys, alive, acc, mark, terms, query, k, k1, prune)
 *   norm   float64[docs]  k1 * (1 - b + b * length / average length), as rank-bm25
 *   keys   int64[docs]    the store key of each paragraph (ties: lower key first)
 *   alive  uint8[docs] or None   0 = removed paragraph, skipped
 *   acc    float64[>=docs] all zero; used as scratch and left all zero again
 *   mark   uint8[>=docs]   all zero; likewise
 *   terms  sequence of (docs int32[], tfs int32[], idf, count), rarest first; each
 *          posting list strictly increasing, within [0, docs): its ends are checked
 *          up front, every posting the walk uses as an index as it is read (ValueError)
 *   query  sequence of int: for each question position, its index in terms or -1
 *   k      at least 1 (checked: ValueError)
 *   prune  whether every idf is positive (MaxScore needs non-negative weights)
 * returns a list of (paragraph, score, flags) best first, at most k; flags is bytes with
 * 1 for each entry of terms the paragraph contains.
 *
 * Candidates are found with approximate sums (rarest term first); the survivors are then
 * scored exactly as rank-bm25 adds: term by term in query order, repeats included, with
 * the same floating-point operations. Compile without FMA contraction
 * (-ffp-contract=off) so the operations stay the ones numpy performs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    Py_buffer docs_buf, tfs_buf;
    const int32_t *docs, *tfs;
    Py_ssize_t len;
    double idf, count, bound;
} Term;

typedef struct {
    double score;
    int64_t key;
    int32_t doc;
} Scored;

static double weight(const Term *t, int32_t tf, double k1p1, double norm) {
    return t->idf * (((double)tf * k1p1) / ((double)tf + norm));
}

/* The count of doc in a posting list (0 when absent): binary search. */
static int32_t tf_of(const Term *t, int32_t doc) {
    Py_ssize_t lo = 0, hi = t->len;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) >> 1;
        if (t->docs[mid] < doc) lo = mid + 1; else hi = mid;
    }
    return (lo < t->len && t->docs[lo] == doc) ? t->tfs[lo] : 0;
}

/* The first index >= from whose paragraph is >= doc: galloping from the last position,
 * so looking up paragraphs in increasing order costs the log of the gaps between them,
 * on nearby memory, rather than a binary search over the whole list each. */
static Py_ssize_t seek(const Term *t, Py_ssize_t from, int32_t doc) {
    if (from >= t->len || t->docs[from] >= doc) return from;
    Py_ssize_t below = from, step = 1;
    while (from + step < t->len && t->docs[from + step] < doc) { below = from + step; step <<= 1; }
    Py_ssize_t lo = below + 1, hi = from + step < t->len ? from + step : t->len;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) >> 1;
        if (t->docs[mid] < doc) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* Sorts values[0..n) (non-negative, below limit) ascending: least significant digit
 * radix sort, 11 bits a pass, through spare (n items). */
static void sort_docs(int32_t *values, int32_t *spare, Py_ssize_t n, Py_ssize_t limit) {
    if (n < 32) {
        for (Py_ssize_t i = 1; i < n; i++) {
            int32_t v = values[i];
            Py_ssize_t j = i;
            while (j > 0 && values[j - 1] > v) { values[j] = values[j - 1]; j--; }
            values[j] = v;
        }
        return;
    }
    int32_t *from = values, *to = spare;
    for (int shift = 0; ((Py_ssize_t)1 << shift) < limit; shift += 11) {
        Py_ssize_t count[2049] = {0};
        for (Py_ssize_t i = 0; i < n; i++) count[((from[i] >> shift) & 2047) + 1]++;
        for (int b = 0; b < 2048; b++) count[b + 1] += count[b];
        for (Py_ssize_t i = 0; i < n; i++) to[count[(from[i] >> shift) & 2047]++] = from[i];
        int32_t *swap = from; from = to; to = swap;
    }
    if (from != values) memcpy(values, from, n * sizeof(int32_t));
}

/* Moves heap[at] down to its place in the min-heap heap[0..k). */
static void sift_down(double *heap, Py_ssize_t k, Py_ssize_t at) {
    double v = heap[at];
    for (;;) {
        Py_ssize_t child = 2 * at + 1;
        if (child >= k) break;
        if (child + 1 < k && heap[child + 1] < heap[child]) child++;
        if (heap[child] >= v) break;
        heap[at] = heap[child];
        at = child;
    }
    heap[at] = v;
}

/* The k-th largest of values[0..n) (1 <= k <= n); values is reordered. A min-heap of
 * the k best in values[0..k): past the first k, most values lose one comparison with
 * the heap's top, which costs less than a quickselect's passes over every value. */
static double kth_largest(double *values, Py_ssize_t n, Py_ssize_t k) {
    for (Py_ssize_t i = k / 2; i-- > 0;) sift_down(values, k, i);
    double top = values[0];
    for (Py_ssize_t j = k; j < n; j++) {
        if (values[j] > top) {
            values[0] = values[j];
            sift_down(values, k, 0);
            top = values[0];
        }
    }
    return top;
}

static int by_score_then_key(const void *a, const void *b) {
    const Scored *x = a, *y = b;
    if (x->score > y->score) return -1;
    if (x->score < y->score) return 1;
    return (x->key > y->key) - (x->key < y->key);
}

static int get_buffer(PyObject *obj, Py_buffer *view, int writable, Py_ssize_t itemsize,
                      const char *what) {
    if (PyObject_GetBuffer(obj, view, (writable ? PyBUF_WRITABLE : 0) | PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    if (view->itemsize != itemsize) {
        PyErr_Format(PyExc_TypeError, "%s: items of %zd bytes expected", what, itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static PyObject *search(PyObject *self, PyObject *args) {
    PyObject *norm_o, *keys_o, *alive_o, *acc_o, *mark_o, *terms_o, *query_o;
    Py_ssize_t k;
    double k1;
    int prune;
    if (!PyArg_ParseTuple(args, "OOOOOOOndp", &norm_o, &keys_o, &alive_o, &acc_o, &mark_o,
                          &terms_o, &query_o, &k, &k1, &prune))
        return NULL;
    if (k < 1) {
        PyErr_Format(PyExc_ValueError, "k must be at least 1, not %zd", k);
        return NULL;
    }

    Py_buffer norm_b = {0}, keys_b = {0}, alive_b = {0}, acc_b = {0}, mark_b = {0};
    Term *terms = NULL;
    Py_ssize_t nterms = 0, nquery = 0, got_terms = 0;
    long *query = NULL;
    int32_t *touched = NULL, *cand = NULL;
    double *tmp = NULL;
    Scored *best = NULL;
    PyObject *result = NULL;
    int have_alive = alive_o != Py_None;

    if (get_buffer(norm_o, &norm_b, 0, 8, "norm") < 0) goto done;
    if (get_buffer(keys_o, &keys_b, 0, 8, "keys") < 0) goto done;
    if (have_alive && get_buffer(alive_o, &alive_b, 0, 1, "alive") < 0) goto done;
    if (get_buffer(acc_o, &acc_b, 1, 8, "acc") < 0) goto done;
    if (get_buffer(mark_o, &mark_b, 1, 1, "mark") < 0) goto done;
    Py_ssize_t ndocs = norm_b.len / 8;
    if (keys_b.len / 8 < ndocs || acc_b.len / 8 < ndocs || mark_b.len < ndocs
        || (have_alive && alive_b.len < ndocs)) {
        PyErr_SetString(PyExc_ValueError, "arrays shorter than the paragraph count");
        goto done;
    }
    const double *norm = norm_b.buf;
    const int64_t *keys = keys_b.buf;
    const uint8_t *alive = have_alive ? alive_b.buf : NULL;
    double *acc = acc_b.buf;
    uint8_t *mark = mark_b.buf;

    nterms = PySequence_Size(terms_o);
    nquery = PySequence_Size(query_o);
    if (nterms < 0 || nquery < 0) goto done;
    terms = PyMem_Calloc(nterms ? nterms : 1, sizeof(Term));
    query = PyMem_Calloc(nquery ? nquery : 1, sizeof(long));
    if (!terms || !query) { PyErr_NoMemory(); goto done; }
    double k1p1 = k1 + 1.0, rest = 0.0, done_bound = 0.0;
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < nterms; i++) {
        PyObject *item = PySequence_GetItem(terms_o, i);
        if (!item) goto done;
        PyObject *docs_o, *tfs_o;
        Term *t = &terms[i];
        int ok = PyArg_ParseTuple(item, "OOdd", &docs_o, &tfs_o, &t->idf, &t->count);
        if (ok && get_buffer(docs_o, &t->docs_buf, 0, 4, "docs") == 0) {
            if (get_buffer(tfs_o, &t->tfs_buf, 0, 4, "tfs") == 0) got_terms = i + 1;
            else { PyBuffer_Release(&t->docs_buf); ok = 0; }
        } else ok = 0;
        Py_DECREF(item);
        if (!ok) goto done;
        t->docs = t->docs_buf.buf;
        t->tfs = t->tfs_buf.buf;
        t->len = t->docs_buf.len / 4;
        if (t->tfs_buf.len / 4 != t->len) {
            PyErr_SetString(PyExc_ValueError, "docs and tfs differ in length");
            goto done;
        }
        if (t->len && (t->docs[0] < 0 || t->docs[t->len - 1] >= ndocs)) {
            PyErr_SetString(PyExc_ValueError, "posting outside the paragraph range");
            goto done;
        }
        t->bound = (t->idf > 0 ? t->idf : 0.0) * k1p1 * t->count;
        rest += t->bound;
        total += t->len;
    }
    for (Py_ssize_t i = 0; i < nquery; i++) {
        PyObject *item = PySequence_GetItem(query_o, i);
        if (!item) goto done;
        query[i] = PyLong_AsLong(item);
        Py_DECREF(item);
        if (query[i] == -1 && PyErr_Occurred()) goto done;
        if (query[i] >= nterms || query[i] < -1) {
            PyErr_SetString(PyExc_ValueError, "query refers to an unknown term");
            goto done;
        }
    }
    touched = PyMem_Malloc((total ? total : 1) * sizeof(int32_t));
    cand = PyMem_Malloc((total ? total : 1) * sizeof(int32_t));
    tmp = PyMem_Malloc((total ? total : 1) * sizeof(double));
    if (!touched || !cand || !tmp) { PyErr_NoMemory(); goto done; }

    Py_ssize_t ntouched = 0, ncand = 0, step = 0;
    double floor = -1.0 / 0.0;
    int narrowed = 0; /* 1 once only the candidates are followed */
    /* 1 when a list walked whole is out of order or out of range: the boundary checked
     * only its ends (a full pass over every list would cost what pruning saves), so each
     * posting is checked as it is used as an index; lists only searched (seek, tf_of)
     * are read within their length whatever their order. */
    int disordered = 0;
    Py_BEGIN_ALLOW_THREADS
    /* Phase 1: whole posting lists, rarest first, until no unseen paragraph can reach
     * the k-th score reached so far. */
    for (; step < nterms && !narrowed && !disordered; step++) {
        const Term *t = &terms[step];
        int32_t prev = -1;
        for (Py_ssize_t j = 0; j < t->len; j++) {
            int32_t d = t->docs[j];
            if (d <= prev || d >= ndocs) { disordered = 1; break; }
            prev = d;
            double w = weight(t, t->tfs[j], k1p1, norm[d]);
            if (!mark[d]) { mark[d] = 1; touched[ntouched++] = d; }
            acc[d] += t->count > 1 ? w * t->count : w;
        }
        if (disordered) break;
        rest -= t->bound;
        done_bound += t->bound;
        if (prune && step + 1 < nterms && rest < done_bound) {
            ncand = 0;
            for (Py_ssize_t j = 0; j < ntouched; j++) {
                int32_t d = touched[j];
                if (!alive || alive[d]) { cand[ncand] = d; tmp[ncand++] = acc[d]; }
            }
            if (ncand >= k) {
                double kth = kth_largest(tmp, ncand, k);
                if (kth > floor) floor = kth;
                if (rest >= floor - (floor < 0 ? -floor : floor) * 1e-9) {
                    /* The k best so far, scored with the terms left as well: k paragraphs
                     * reach these totals, so the smallest is a floor too (a higher one). */
                    Py_ssize_t nfull = 0;
                    for (Py_ssize_t j = 0; j < ncand && nfull < k; j++) {
                        int32_t d = cand[j];
                        if (acc[d] < kth) continue;
                        double full = acc[d];
                        for (Py_ssize_t i = step + 1; i < nterms; i++)
                            full += terms[i].count * weight(&terms[i], tf_of(&terms[i], d),
                                                            k1p1, norm[d]);
                        tmp[nfull++] = full;
                    }
                    if (nfull == k) {
                        double fkth = kth_largest(tmp, nfull, k);
                        if (fkth > floor) floor = fkth;
                    }
                }
                if (rest >= floor - (floor < 0 ? -floor : floor) * 1e-9) {
                    /* Still no floor above what the terms left could add. When looking
                     * every candidate up in the lists left costs less than walking them,
                     * their full scores give the floor (often the final k-th score). */
                    double lookups = 0.0, walk = 0.0;
                    for (Py_ssize_t i = step + 1; i < nterms; i++) {
                        Py_ssize_t bits = 1;
                        while (((Py_ssize_t)1 << bits) < terms[i].len) bits++;
                        lookups += (double)ncand * bits;
                        walk += (double)terms[i].len;
                    }
                    if (lookups * 2 < walk) {
                        for (Py_ssize_t j = 0; j < ncand; j++) {
                            int32_t d = cand[j];
                            double full = acc[d];
                            for (Py_ssize_t i = step + 1; i < nterms; i++)
                                full += terms[i].count * weight(&terms[i], tf_of(&terms[i], d),
                                                                k1p1, norm[d]);
                            tmp[j] = full;
                        }
                        double fkth = kth_largest(tmp, ncand, k);
                        if (fkth > floor) floor = fkth;
                    }
                }
                if (rest < floor - (floor < 0 ? -floor : floor) * 1e-9) narrowed = 1;
            }
        }
    }
    if (disordered) ncand = 0;
    else if (!narrowed) {
        ncand = 0;
        for (Py_ssize_t j = 0; j < ntouched; j++) {
            int32_t d = touched[j];
            if (!alive || alive[d]) cand[ncand++] = d;
        }
    }
    /* Before candidates are looked up in a list they are put in paragraph order
     * (filtering keeps it), once and as late as possible (fewest left), so each list is
     * looked up by galloping forward (seek) instead of a binary search per candidate. */
    int in_order = 0;
    /* Phase 2: the remaining terms looked up for the candidates only, dropping those
     * that cannot reach the k-th score any more. */
    for (; !disordered;) {
        if (step == nterms) rest = 0.0;
        if (ncand > k) {
            for (Py_ssize_t j = 0; j < ncand; j++) tmp[j] = acc[cand[j]];
            double kth = kth_largest(tmp, ncand, k);
            if (kth > floor) floor = kth;
            double slack = (floor < 0 ? -floor : floor) * 1e-9;
            Py_ssize_t kept = 0;
            for (Py_ssize_t j = 0; j < ncand; j++)
                if (acc[cand[j]] >= floor - rest - slack) cand[kept++] = cand[j];
            ncand = kept;
        }
        if (step == nterms || ncand <= k) break;
        if (!in_order) { sort_docs(cand, (int32_t *)tmp, ncand, ndocs); in_order = 1; }
        const Term *t = &terms[step];
        Py_ssize_t at = 0;
        for (Py_ssize_t j = 0; j < ncand; j++) {
            int32_t d = cand[j];
            at = seek(t, at, d);
            int32_t tf = at < t->len && t->docs[at] == d ? t->tfs[at] : 0;
            acc[d] += t->count * weight(t, tf, k1p1, norm[d]);
        }
        rest -= t->bound;
        step++;
    }
    /* Exact scores of the survivors, summed as rank-bm25 sums them: term by term in
     * query order (an absent term adds +0.0, which changes no sum, so it is skipped).
     * A long list is walked once rather than searched once per survivor: many equal
     * scores at the k-th place (tables of figures) leave thousands of survivors. */
    for (Py_ssize_t j = 0; j < ncand; j++) { acc[cand[j]] = 0.0; mark[cand[j]] = 2; }
    for (Py_ssize_t q = 0; q < nquery && !disordered; q++) {
        if (query[q] < 0) continue;
        const Term *t = &terms[query[q]];
        if (ncand * 4 < t->len) {
            if (!in_order) { sort_docs(cand, (int32_t *)tmp, ncand, ndocs); in_order = 1; }
            Py_ssize_t at = 0;
            for (Py_ssize_t j = 0; j < ncand; j++) {
                int32_t d = cand[j];
                at = seek(t, at, d);
                if (at < t->len && t->docs[at] == d) acc[d] += weight(t, t->tfs[at], k1p1, norm[d]);
            }
        } else {
            int32_t prev = -1;
            for (Py_ssize_t j = 0; j < t->len; j++) {
                int32_t d = t->docs[j];
                if (d <= prev || d >= ndocs) { disordered = 1; break; }
                prev = d;
                if (mark[d] == 2) acc[d] += weight(t, t->tfs[j], k1p1, norm[d]);
            }
        }
    }
    Py_END_ALLOW_THREADS

    if (disordered) {
        for (Py_ssize_t j = 0; j < ntouched; j++) { acc[touched[j]] = 0.0; mark[touched[j]] = 0; }
        PyErr_SetString(PyExc_ValueError, "posting list not sorted by paragraph");
        goto done;
    }
    best = PyMem_Malloc((ncand ? ncand : 1) * sizeof(Scored));
    if (best) {
        for (Py_ssize_t j = 0; j < ncand; j++) {
            int32_t d = cand[j];
            best[j].score = acc[d];
            best[j].key = keys[d];
            best[j].doc = d;
        }
    }
    for (Py_ssize_t j = 0; j < ntouched; j++) { acc[touched[j]] = 0.0; mark[touched[j]] = 0; }
    if (!best) { PyErr_NoMemory(); goto done; }
    qsort(best, ncand, sizeof(Scored), by_score_then_key);
    Py_ssize_t n = ncand < k ? ncand : k;
    result = PyList_New(n);
    if (!result) goto done;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *flags = PyBytes_FromStringAndSize(NULL, nterms);
        if (!flags) { Py_CLEAR(result); goto done; }
        char *f = PyBytes_AS_STRING(flags);
        for (Py_ssize_t i = 0; i < nterms; i++) f[i] = tf_of(&terms[i], best[j].doc) > 0;
        PyObject *hit = Py_BuildValue("(LdN)", (long long)best[j].key, best[j].score, flags);
        if (!hit) { Py_CLEAR(result); goto done; }
        PyList_SET_ITEM(result, j, hit);
    }

done:
    for (Py_ssize_t i = 0; i < got_terms; i++) {
        PyBuffer_Release(&terms[i].docs_buf);
        PyBuffer_Release(&terms[i].tfs_buf);
    }
    PyMem_Free(terms);
    PyMem_Free(query);
    PyMem_Free(touched);
    PyMem_Free(cand);
    PyMem_Free(tmp);
    PyMem_Free(best);
    if (norm_b.obj) PyBuffer_Release(&norm_b);
    if (keys_b.obj) PyBuffer_Release(&keys_b);
    if (alive_b.obj) PyBuffer_Release(&alive_b);
    if (acc_b.obj) PyBuffer_Release(&acc_b);
    if (mark_b.obj) PyBuffer_Release(&mark_b);
    return result;
}

static PyMethodDef methods[] = {
    {"search", search, METH_VARARGS,
     "search(norm, keys, alive, acc, mark, terms, query, k, k1, prune) -> "
     "[(key, score, flags)]: BM25 top k, scores summed as rank-bm25 sums them"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_bm25", "BM25 top-k kernel for index.search.bm25", -1, methods,
};

PyMODINIT_FUNC PyInit__bm25(void) { return PyModule_Create(&module); }
