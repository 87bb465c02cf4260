/* Dot products of one int8 query with every int8 row of a matrix, for meaning search.
 *
 * Called by index/meaning/vectors.py (VectorIndex.scores), which owns the arrays and falls back
 * to numpy when this extension is not built. Why C: at 105,000 paragraphs the int8
 * matrix is 40 MB; numpy has no int8 matrix-vector product (it would first copy the
 * matrix to float32, 161 MB a question), and a float32 copy kept in memory is four times
 * the bytes to read per question. Here the integer products vectorise and the GIL is
 * released while they run.
 *
 * The products are exact integers, so every variant (AVX2, SSE2, plain C, numpy) gives
 * the same result; the widest the CPU supports is chosen at run time.
 *
 * dot_i8(matrix, rows, dim, query, out)
 *   matrix  int8[rows * dim]  row-major, C-contiguous
 *   query   int8[dim]
 *   out     int32[rows]       receives each row's dot product with query
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

static void dot_rows_plain(const int8_t *m, Py_ssize_t rows, Py_ssize_t dim,
                           const int8_t *q, int32_t *out) {
    for (Py_ssize_t r = 0; r < rows; r++) {
        const int8_t *row = m + r * dim;
        int32_t acc = 0;
        for (Py_ssize_t j = 0; j < dim; j++) acc += (int32_t)row[j] * (int32_t)q[j];
        out[r] = acc;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* AVX2: 32 int8 a step, widened to int16 and multiplied-added pairwise into int32. */
__attribute__((target("avx2")))
static void dot_rows_avx2(const int8_t *m, Py_ssize_t rows, Py_ssize_t dim,
                          const int8_t *q, int32_t *out) {
    Py_ssize_t steps = dim / 32, tail = steps * 32;
    for (Py_ssize_t r = 0; r < rows; r++) {
        const int8_t *row = m + r * dim;
        __m256i acc = _mm256_setzero_si256();
        for (Py_ssize_t s = 0; s < steps; s++) {
            __m256i a = _mm256_loadu_si256((const __m256i *)(row + 32 * s));
            __m256i b = _mm256_loadu_si256((const __m256i *)(q + 32 * s));
            __m256i a_lo = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(a));
            __m256i a_hi = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(a, 1));
            __m256i b_lo = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(b));
            __m256i b_hi = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(b, 1));
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(a_lo, b_lo));
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(a_hi, b_hi));
        }
        __m128i sum = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
        sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0x4E));
        sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0xB1));
        int32_t total = _mm_cvtsi128_si32(sum);
        for (Py_ssize_t j = tail; j < dim; j++) total += (int32_t)row[j] * (int32_t)q[j];
        out[r] = total;
    }
}

/* SSE2 (every x86-64): 16 int8 a step, sign-extended by unpacking and shifting. */
static void dot_rows_sse2(const int8_t *m, Py_ssize_t rows, Py_ssize_t dim,
                          const int8_t *q, int32_t *out) {
    Py_ssize_t steps = dim / 16, tail = steps * 16;
    for (Py_ssize_t r = 0; r < rows; r++) {
        const int8_t *row = m + r * dim;
        __m128i acc = _mm_setzero_si128();
        for (Py_ssize_t s = 0; s < steps; s++) {
            __m128i a = _mm_loadu_si128((const __m128i *)(row + 16 * s));
            __m128i b = _mm_loadu_si128((const __m128i *)(q + 16 * s));
            __m128i a_lo = _mm_srai_epi16(_mm_unpacklo_epi8(a, a), 8);
            __m128i a_hi = _mm_srai_epi16(_mm_unpackhi_epi8(a, a), 8);
            __m128i b_lo = _mm_srai_epi16(_mm_unpacklo_epi8(b, b), 8);
            __m128i b_hi = _mm_srai_epi16(_mm_unpackhi_epi8(b, b), 8);
            acc = _mm_add_epi32(acc, _mm_madd_epi16(a_lo, b_lo));
            acc = _mm_add_epi32(acc, _mm_madd_epi16(a_hi, b_hi));
        }
        acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0x4E));
        acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0xB1));
        int32_t total = _mm_cvtsi128_si32(acc);
        for (Py_ssize_t j = tail; j < dim; j++) total += (int32_t)row[j] * (int32_t)q[j];
        out[r] = total;
    }
}

static void dot_rows(const int8_t *m, Py_ssize_t rows, Py_ssize_t dim, const int8_t *q,
                     int32_t *out) {
    if (__builtin_cpu_supports("avx2")) dot_rows_avx2(m, rows, dim, q, out);
    else dot_rows_sse2(m, rows, dim, q, out);
}
#else
static void dot_rows(const int8_t *m, Py_ssize_t rows, Py_ssize_t dim, const int8_t *q,
                     int32_t *out) {
    dot_rows_plain(m, rows, dim, q, out);
}
#endif

static PyObject *dot_i8(PyObject *self, PyObject *args) {
    Py_buffer mb, qb, ob;
    Py_ssize_t rows, dim;
    if (!PyArg_ParseTuple(args, "y*nny*w*", &mb, &rows, &dim, &qb, &ob)) return NULL;
    PyObject *result = NULL;
    if (rows < 0 || dim <= 0) {
        PyErr_SetString(PyExc_ValueError, "rows must be >= 0 and dim > 0");
    } else if (mb.len < rows * dim) {
        PyErr_SetString(PyExc_ValueError, "matrix holds fewer than rows * dim bytes");
    } else if (qb.len != dim) {
        PyErr_SetString(PyExc_ValueError, "query must hold exactly dim bytes");
    } else if (ob.len < rows * (Py_ssize_t)sizeof(int32_t)) {
        PyErr_SetString(PyExc_ValueError, "out must hold rows int32 values");
    } else {
        Py_BEGIN_ALLOW_THREADS
        dot_rows((const int8_t *)mb.buf, rows, dim, (const int8_t *)qb.buf, (int32_t *)ob.buf);
        Py_END_ALLOW_THREADS
        result = Py_None;
        Py_INCREF(result);
    }
    PyBuffer_Release(&mb);
    PyBuffer_Release(&qb);
    PyBuffer_Release(&ob);
    return result;
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("popcnt")))
static void hamming_rows_popcnt(const uint64_t *codes, Py_ssize_t rows, Py_ssize_t words,
                                const uint64_t *q, int32_t *out) {
    for (Py_ssize_t r = 0; r < rows; r++) {
        const uint64_t *row = codes + r * words;
        int32_t d = 0;
        for (Py_ssize_t w = 0; w < words; w++) d += __builtin_popcountll(row[w] ^ q[w]);
        out[r] = d;
    }
}
#endif

static void hamming_rows_plain(const uint64_t *codes, Py_ssize_t rows, Py_ssize_t words,
                               const uint64_t *q, int32_t *out) {
    for (Py_ssize_t r = 0; r < rows; r++) {
        const uint64_t *row = codes + r * words;
        int32_t d = 0;
        for (Py_ssize_t w = 0; w < words; w++) d += __builtin_popcountll(row[w] ^ q[w]);
        out[r] = d;
    }
}

/* hamming(codes, rows, words, query, out): bits that differ between each row's sign code
 * (words uint64 a row) and the query's; the first, cheap pass of a large index. */
static PyObject *hamming(PyObject *self, PyObject *args) {
    Py_buffer cb, qb, ob;
    Py_ssize_t rows, words;
    if (!PyArg_ParseTuple(args, "y*nny*w*", &cb, &rows, &words, &qb, &ob)) return NULL;
    PyObject *result = NULL;
    if (rows < 0 || words <= 0) {
        PyErr_SetString(PyExc_ValueError, "rows must be >= 0 and words > 0");
    } else if (cb.len < rows * words * 8) {
        PyErr_SetString(PyExc_ValueError, "codes hold fewer than rows * words uint64");
    } else if (qb.len != words * 8) {
        PyErr_SetString(PyExc_ValueError, "query must hold exactly words uint64");
    } else if (ob.len < rows * (Py_ssize_t)sizeof(int32_t)) {
        PyErr_SetString(PyExc_ValueError, "out must hold rows int32 values");
    } else {
        Py_BEGIN_ALLOW_THREADS
#if defined(__x86_64__) && defined(__GNUC__)
        if (__builtin_cpu_supports("popcnt"))
            hamming_rows_popcnt((const uint64_t *)cb.buf, rows, words, (const uint64_t *)qb.buf,
                                (int32_t *)ob.buf);
        else
#endif
            hamming_rows_plain((const uint64_t *)cb.buf, rows, words, (const uint64_t *)qb.buf,
                               (int32_t *)ob.buf);
        Py_END_ALLOW_THREADS
        result = Py_None;
        Py_INCREF(result);
    }
    PyBuffer_Release(&cb);
    PyBuffer_Release(&qb);
    PyBuffer_Release(&ob);
    return result;
}

static PyMethodDef methods[] = {
    {"dot_i8", dot_i8, METH_VARARGS, "int32 dot products of an int8 query with int8 rows"},
    {"hamming", hamming, METH_VARARGS, "Hamming distances of a sign code to each row's code"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_vectors", NULL, -1, methods};

PyMODINIT_FUNC PyInit__vectors(void) { return PyModule_Create(&module); }
