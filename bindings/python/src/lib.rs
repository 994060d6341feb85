//! The Python face of the engine (`lectern._lectern`, re-exported by the
//! `lectern` package): a thin PyO3 layer over [`lectern::extract`],
//! [`lectern::is_probably_readerable`], [`lectern::decode_html`] and
//! `lectern-warc`. No extraction logic lives here.
//!
//! Articles reach Python as the JSON the CLI prints, loaded by Python's
//! `json`: the dicts have the CLI's keys, values and key order by
//! construction. Options are the engine's serialized `Options` (camelCase
//! keys, unknown keys rejected) under their snake_case names.
//!
//! Not `#![forbid(unsafe_code)]`: PyO3's macros (`#[pymodule]`,
//! `#[pyfunction]`, `#[pyclass]`, `create_exception!`) expand to unsafe FFI
//! glue in this crate. The code written here uses no `unsafe`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::CString;
use std::path::PathBuf;

use lectern::{ErrorKind, Options};
use lectern_warc::{Item, Records};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType,
};
use serde_json::{Map, Value};

create_exception!(
    lectern,
    LecternError,
    PyException,
    "Every error Lectern raises; its subclass (one per error kind) says why, and `kind` names it."
);

/// The exception class of each error kind, made from `ErrorKind::ALL` at
/// import so that a new kind gets its class without a list to keep here.
static ERRORS: GILOnceCell<HashMap<&'static str, Py<PyType>>> = GILOnceCell::new();
/// Python's `json.loads`.
static JSON_LOADS: GILOnceCell<Py<PyAny>> = GILOnceCell::new();

fn error(py: Python<'_>, kind: ErrorKind, message: impl Into<String>) -> PyErr {
    let message = message.into();
    match ERRORS.get(py).and_then(|m| m.get(kind.name())) {
        Some(class) => PyErr::from_type(class.bind(py).clone(), message),
        None => LecternError::new_err(message),
    }
}

/// A page given as `str`, or as `bytes` decoded as the engine decodes them
/// (BOM, `Content-Type` charset, `<meta charset>`, detection).
fn html_of<'a>(
    py: Python<'_>,
    html: &'a Bound<'_, PyAny>,
    content_type: Option<&str>,
) -> PyResult<Cow<'a, str>> {
    if let Ok(s) = html.downcast::<PyString>() {
        return Ok(Cow::Owned(s.to_cow()?.into_owned()));
    }
    if let Ok(b) = html.downcast::<PyBytes>() {
        let bytes = b.as_bytes();
        return Ok(Cow::Owned(
            py.allow_threads(|| lectern::decode_html(bytes, content_type)),
        ));
    }
    if let Ok(b) = html.downcast::<PyByteArray>() {
        let bytes = b.to_vec();
        return Ok(Cow::Owned(
            py.allow_threads(|| lectern::decode_html(&bytes, content_type)),
        ));
    }
    Err(error(
        py,
        ErrorKind::InvalidInput,
        format!(
            "the page's HTML must be str or bytes, not {}",
            html.get_type().name()?
        ),
    ))
}

fn snake_to_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn camel_to_snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The snake_case names of the engine's options, from its own serialized
/// defaults (so the list cannot drift from the engine's).
fn option_names() -> Vec<String> {
    match serde_json::to_value(Options::default()) {
        Ok(Value::Object(map)) => map.keys().map(|k| camel_to_snake(k)).collect(),
        _ => Vec::new(),
    }
}

fn to_json(py: Python<'_>, name: &str, value: &Bound<'_, PyAny>) -> PyResult<Value> {
    let bad = || {
        error(
            py,
            ErrorKind::InvalidOptions,
            format!(
                "option {name}: unsupported value of type {}",
                value
                    .get_type()
                    .name()
                    .map_or("?".into(), |n| n.to_string())
            ),
        )
    };
    if value.is_none() {
        Ok(Value::Null)
    } else if let Ok(b) = value.downcast::<PyBool>() {
        // Before int: Python's bool is an int.
        Ok(Value::Bool(b.is_true()))
    } else if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<u64>() {
            Ok(Value::from(n))
        } else if let Ok(n) = value.extract::<i64>() {
            Ok(Value::from(n))
        } else {
            Err(bad())
        }
    } else if value.is_instance_of::<PyFloat>() {
        Ok(Value::from(value.extract::<f64>()?))
    } else if let Ok(s) = value.downcast::<PyString>() {
        Ok(Value::String(s.to_cow()?.into_owned()))
    } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        value
            .try_iter()?
            .map(|v| to_json(py, name, &v?))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array)
    } else {
        Err(bad())
    }
}

/// The engine's `Options` from `url` and the keyword arguments.
fn options_of(
    py: Python<'_>,
    url: Option<&str>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Options> {
    let mut map = Map::new();
    if let Some(kwargs) = kwargs {
        let known = option_names();
        for (key, value) in kwargs.iter() {
            let key: String = key.extract()?;
            if key == "url" || !known.contains(&key) {
                let mut names: Vec<&str> = known.iter().map(String::as_str).collect();
                names.retain(|n| *n != "url");
                return Err(error(
                    py,
                    ErrorKind::InvalidOptions,
                    format!(
                        "unknown option {key:?}; the options are: {}",
                        names.join(", ")
                    ),
                ));
            }
            map.insert(snake_to_camel(&key), to_json(py, &key, &value)?);
        }
    }
    if let Some(u) = url {
        map.insert("url".to_string(), Value::String(u.to_string()));
    }
    serde_json::from_value(Value::Object(map.clone())).map_err(|e| {
        // serde names the type, not the key: find the option it refused.
        let culprit = map.iter().find(|(k, v)| {
            let one = Map::from_iter([((*k).clone(), (*v).clone())]);
            serde_json::from_value::<Options>(Value::Object(one)).is_err()
        });
        let message = match culprit {
            Some((k, _)) => format!("option {}: {e}", camel_to_snake(k)),
            None => format!("invalid options: {e}"),
        };
        error(py, ErrorKind::InvalidOptions, message)
    })
}

/// A value the CLI would print, as Python objects (through `json.loads`, so
/// that keys, values and their order are the CLI's).
fn to_python<T: serde::Serialize>(py: Python<'_>, value: &T) -> PyResult<PyObject> {
    let json = serde_json::to_string(value).map_err(|e| {
        error(
            py,
            ErrorKind::Internal,
            format!("could not convert the result: {e}"),
        )
    })?;
    let loads = JSON_LOADS.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.call1(py, (json,))
}

/// extract(html, url=None, *, content_type=None, **options) -> dict
///
/// The article of a page (`str`, or `bytes` decoded by `content_type` and
/// the page itself), as a dict with the keys of the CLI's JSON. Raises a
/// subclass of `LecternError` (`NoArticle`, `InvalidUrl`, ...) when there is
/// none. Releases the GIL while it works.
#[pyfunction]
#[pyo3(signature = (html, url=None, *, content_type=None, **options))]
fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<&str>,
    content_type: Option<&str>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyObject> {
    let options = options_of(py, url, options)?;
    let html = html_of(py, html, content_type)?;
    let html: &str = &html;
    match py.allow_threads(|| lectern::extract(html, &options)) {
        Ok(article) => to_python(py, &article),
        Err(e) => Err(error(py, e.kind(), e.to_string())),
    }
}

/// is_probably_readerable(html, url=None, *, content_type=None, **options) -> bool
///
/// A quick guess, without extracting, whether the page holds an article
/// worth a reader view. Releases the GIL while it works.
#[pyfunction]
#[pyo3(signature = (html, url=None, *, content_type=None, **options))]
fn is_probably_readerable(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<&str>,
    content_type: Option<&str>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<bool> {
    let options = options_of(py, url, options)?;
    let html = html_of(py, html, content_type)?;
    let html: &str = &html;
    Ok(py.allow_threads(|| lectern::is_probably_readerable(html, &options)))
}

/// decode_html(data, content_type=None) -> str
///
/// A page's bytes as text, the way the engine decodes them: BOM, then the
/// `Content-Type` charset, then `<meta charset>`, then detection.
#[pyfunction]
#[pyo3(signature = (data, content_type=None))]
fn decode_html(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    content_type: Option<&str>,
) -> PyResult<String> {
    let owned;
    let bytes: &[u8] = if let Ok(b) = data.downcast::<PyBytes>() {
        b.as_bytes()
    } else if let Ok(b) = data.downcast::<PyByteArray>() {
        owned = b.to_vec();
        &owned
    } else {
        return Err(error(
            py,
            ErrorKind::InvalidInput,
            format!("data must be bytes, not {}", data.get_type().name()?),
        ));
    };
    Ok(py.allow_threads(|| lectern::decode_html(bytes, content_type)))
}

/// The HTML response records of a WARC file, one dict per record: `id`,
/// `url`, then the article's keys or `error`/`errorKind` — the lines of
/// `lectern --warc`, in file order. `skipped` counts the records passed over
/// (not HTML responses).
#[pyclass(module = "lectern")]
struct WarcRecords {
    records: Option<Records>,
    options: Options,
    skipped: u64,
}

#[pymethods]
impl WarcRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>, py: Python<'_>) -> PyResult<Option<PyObject>> {
        let this = &mut *slf;
        let Some(records) = this.records.as_mut() else {
            return Ok(None);
        };
        let (options, skipped) = (&this.options, &mut this.skipped);
        // Reading, inflating and extracting all run without the GIL.
        let output = py.allow_threads(|| loop {
            match records.next() {
                None => return None,
                Some(Item::Skipped) => *skipped += 1,
                Some(item) => return lectern_warc::extract(&item, options, None),
            }
        });
        match output {
            Some(output) => to_python(py, &output).map(Some),
            None => {
                this.records = None;
                Ok(None)
            }
        }
    }

    /// Records passed over so far: not responses, or not HTML.
    #[getter]
    fn skipped(&self) -> u64 {
        self.skipped
    }
}

/// extract_warc(source, **options) -> iterator of dicts
///
/// Every HTML response record of a WARC file (a path to a `.warc` or
/// `.warc.gz`, gzip per record as Common Crawl ships them, or the file's
/// bytes), as `lectern --warc` prints them. A truncated or corrupt record is
/// a dict with `error` and `errorKind` (`InvalidRecord`); the iteration goes
/// on. Raises `Io` if the file cannot be opened.
#[pyfunction]
#[pyo3(signature = (source, **options))]
fn extract_warc(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<WarcRecords> {
    let options = options_of(py, None, options)?;
    let records = if let Ok(b) = source.downcast::<PyBytes>() {
        Records::from_bytes(b.as_bytes().to_vec())
    } else if let Ok(b) = source.downcast::<PyByteArray>() {
        Records::from_bytes(b.to_vec())
    } else {
        let path: PathBuf = source.extract()?;
        Records::open(&path).map_err(|e| {
            error(
                py,
                ErrorKind::Io,
                format!("cannot read {}: {e}", path.display()),
            )
        })?
    };
    Ok(WarcRecords {
        records: Some(records),
        options,
        skipped: 0,
    })
}

#[pymodule]
fn _lectern(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<LecternError>();
    m.add("LecternError", &base)?;
    let mut classes = HashMap::new();
    let mut names = Vec::new();
    for kind in ErrorKind::ALL {
        let name = kind.name();
        let qualified = CString::new(format!("lectern.{name}"))?;
        let doc = CString::new(format!("Lectern error kind {name}."))?;
        let class = PyErr::new_type(py, &qualified, Some(&doc), Some(&base), None)?;
        class.bind(py).setattr("kind", name)?;
        m.add(name, class.bind(py))?;
        classes.insert(name, class);
        names.push(name);
    }
    base.setattr("kind", py.None())?;
    let _ = ERRORS.set(py, classes);
    m.add("ERROR_KINDS", PyTuple::new(py, names)?)?;
    m.add("__version__", lectern::VERSION)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(is_probably_readerable, m)?)?;
    m.add_function(wrap_pyfunction!(decode_html, m)?)?;
    m.add_function(wrap_pyfunction!(extract_warc, m)?)?;
    m.add_class::<WarcRecords>()?;
    Ok(())
}
