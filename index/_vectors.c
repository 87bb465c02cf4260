/* Dot products of one int8 query with every int8 row of a matrix, for meaning search.
 *
 * Called by index/vectors.py (VectorIndex.scores), which owns the arrays and falls back
 * to numpy when this extension is not built. Why C: at 105,000 paragraphs the int8
 * matrix is 40 MB; numpy has no int8 matrix-vector product (it would first copy the
 * matrix to float32, 161 MB a question), and a float32 copy kept in memory is four times
 * the bytes to read per question. Here the integer products vectorise and the GIL is
 * released while they run.
 *
 * dot_i8(matrix, rows, dim, query, out)
 *   matrix  int8[rows * dim]  row-major, C-contiguous
 *   query   int8[dim]
 *   out     int32[rows]       receives each row's dot product with query
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

__attribute__((optimize("O3")))
static void dot_rows(const int8_t *restrict m, Py_ssize_t rows, Py_ssize_t dim,
                     const int8_t *restrict q, int32_t *restrict out) {
    for (Py_ssize_t r = 0; r < rows; r++) {
        const int8_t *row = m + r * dim;
        int32_t acc = 0;
        for (Py_ssize_t j = 0; j < dim; j++) {
            acc += (int32_t)((int16_t)row[j] * (int16_t)q[j]);
        }
        out[r] = acc;
    }
}

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

static PyMethodDef methods[] = {
    {"dot_i8", dot_i8, METH_VARARGS, "int32 dot products of an int8 query with int8 rows"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_vectors", NULL, -1, methods};

PyMODINIT_FUNC PyInit__vectors(void) { return PyModule_Create(&module); }
