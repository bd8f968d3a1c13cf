//! JSON-RPC over standard input and output, with `Content-Length` framing: a thread that
//! reads messages into the server's event channel, and one that writes what the server
//! sends, either `lsp_server` messages or bodies the server serialised itself (its
//! diagnostics, built straight into bytes without a `serde_json::Value` in between).
//!
//! `lsp_server`'s own reader goes through serde's untagged-enum buffering: a `didChange` of a
//! 3 MB description cost ~8 ms a keystroke there; parsed as one `Value` and taken apart by
//! hand it is a single pass.

use std::io::{BufRead, BufReader, Write};
use std::sync::mpsc::{Receiver, Sender};
use std::thread::JoinHandle;

use lsp_server::{Message, Notification, Request, Response, ResponseError};
use serde_json::Value;

/// What the server sends.
pub enum Out {
    Message(Message),
    /// A whole JSON-RPC message, serialised.
    Raw(Vec<u8>),
}

impl From<Message> for Out {
    fn from(m: Message) -> Out {
        Out::Message(m)
    }
}

/// Starts the reader (each message, then `None` at the end of input, goes to `sink`
/// through `wrap`) and the writer (which ends when every sender of `out` is dropped, after
/// writing what was sent).
pub fn stdio<E: Send + 'static>(
    sink: Sender<E>,
    wrap: fn(Option<Message>) -> E,
    out: Receiver<Out>,
) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name("apiward-lsp-reader".into())
        .spawn(move || {
            let mut input = BufReader::new(std::io::stdin().lock());
            // One buffer for every body: a 3 MB text a keystroke is not new memory each time
            // (kept up to `KEEP`: one huge message does not hold its memory for good).
            const KEEP: usize = 64 << 20;
            let mut body = Vec::new();
            loop {
                if body.capacity() > KEEP {
                    body = Vec::new();
                }
                match read(&mut input, &mut body) {
                    Ok(true) => match parse(&body) {
                        Some(m) => {
                            if sink.send(wrap(Some(m))).is_err() {
                                return;
                            }
                        }
                        None => eprintln!(
                            "apiward lsp: a message that is not JSON-RPC was skipped: {}",
                            String::from_utf8_lossy(&body[..body.len().min(200)])
                        ),
                    },
                    Ok(false) => break,
                    Err(e) => {
                        eprintln!("apiward lsp: reading standard input: {e}");
                        break;
                    }
                }
            }
            let _ = sink.send(wrap(None));
        })
        .expect("the reader thread starts");
    std::thread::Builder::new()
        .name("apiward-lsp-writer".into())
        .spawn(move || {
            let mut stdout = std::io::stdout().lock();
            for m in out {
                let written = match m {
                    Out::Message(m) => m.write(&mut stdout),
                    Out::Raw(body) => write!(stdout, "Content-Length: {}\r\n\r\n", body.len())
                        .and_then(|()| stdout.write_all(&body))
                        .and_then(|()| stdout.flush()),
                };
                if let Err(e) = written {
                    eprintln!("apiward lsp: writing standard output: {e}");
                    return;
                }
            }
        })
        .expect("the writer thread starts")
}

/// Reads the body of the next message into `body`; `false` at the end of input.
fn read(input: &mut impl BufRead, body: &mut Vec<u8>) -> std::io::Result<bool> {
    let mut len = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(false);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if len.is_some() {
                break;
            }
            // Blank lines before a header: tolerated.
            continue;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Content-Length") {
                len = value.trim().parse::<usize>().ok();
            }
        }
    }
    body.clear();
    body.resize(len.unwrap_or(0), 0);
    input.read_exact(body)?;
    Ok(true)
}

/// A JSON-RPC message of a body: a request (`id` and `method`), a notification (`method`
/// alone) or a response (`id` alone).
fn parse(body: &[u8]) -> Option<Message> {
    let Value::Object(mut m) = serde_json::from_slice(body).ok()? else {
        return None;
    };
    let method = match m.remove("method") {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let params = m.remove("params").unwrap_or(Value::Null);
    let id = match m.remove("id") {
        Some(id) => Some(serde_json::from_value(id).ok()?),
        None => None,
    };
    Some(match (id, method) {
        (Some(id), Some(method)) => Request { id, method, params }.into(),
        (None, Some(method)) => Notification { method, params }.into(),
        (Some(id), None) => {
            let error = m
                .remove("error")
                .map(serde_json::from_value::<ResponseError>);
            let response_result = match error {
                Some(e) => Err(e.ok()?),
                None => Ok(m.remove("result").unwrap_or(Value::Null)),
            };
            Response {
                id,
                response_result,
            }
            .into()
        }
        (None, None) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_framed_and_taken_apart() {
        let bodies = [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"a":1}}"#,
            r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"t":"x\ny"}}"#,
            r#"{"jsonrpc":"2.0","id":"r","result":null}"#,
            r#"{"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"no"}}"#,
        ];
        let mut stream = Vec::new();
        for b in bodies {
            write!(stream, "Content-Length: {}\r\n\r\n{b}", b.len()).unwrap();
        }
        let mut input = std::io::Cursor::new(stream);
        let (mut got, mut body) = (Vec::new(), Vec::new());
        while read(&mut input, &mut body).unwrap() {
            got.push(parse(&body).unwrap());
        }
        assert_eq!(got.len(), 4);
        let Message::Request(r) = &got[0] else {
            panic!("{:?}", got[0])
        };
        assert_eq!(
            (r.id.to_string().as_str(), r.method.as_str()),
            ("1", "initialize")
        );
        let Message::Notification(n) = &got[1] else {
            panic!("{:?}", got[1])
        };
        assert_eq!(n.params["t"], "x\ny");
        let Message::Response(ok) = &got[2] else {
            panic!("{:?}", got[2])
        };
        assert_eq!(ok.response_result.as_ref().unwrap(), &Value::Null);
        let Message::Response(err) = &got[3] else {
            panic!("{:?}", got[3])
        };
        assert_eq!(err.response_result.as_ref().unwrap_err().code, -32601);
        assert!(parse(b"[1]").is_none());
        assert!(parse(br#"{"jsonrpc":"2.0"}"#).is_none());
    }
}
