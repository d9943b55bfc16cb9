//! LSP's base protocol, read leniently and written a whole message at a
//! time: header lines, a blank line, then a JSON body of `Content-Length`
//! bytes.
//!
//! Written here rather than taken from tower-lsp-server, whose reader ends
//! the session at the first message it cannot decode (as rust-analyzer's
//! `lsp-server` does too). Clients do send such messages: a lone UTF-16
//! surrogate (what `JSON.stringify` writes for half an emoji), a header in
//! lower case, a media type without a charset, a batch. Each is answered with
//! a JSON-RPC error (`-32700` when the body is not JSON, `-32600` when it is
//! not a message), logged, and the next message is read.

use serde_json::{Map, Value};
use std::io::{self, BufRead, Read, Write};
use tower_lsp_server::jsonrpc::{Error, Id, Request, Response};

/// The longest header line read; the rest of a longer one is skipped.
const MAX_HEADER_LINE: usize = 8 * 1024;
/// The largest body read. An opened document travels in one message, so
/// this is well above the largest file newsmark reads.
pub const MAX_BODY: usize = 512 * 1024 * 1024;

/// One message from the client.
#[derive(Debug)]
pub enum Incoming {
    /// A request or a notification.
    Request(Request),
    /// The client's answer to a request of the server.
    Response(Response),
    /// Nothing that can be used: why (for the log), and the error to answer
    /// (none for a broken response, which cannot be answered).
    Invalid {
        why: String,
        reply: Option<Response>,
    },
}

/// Reads the next message; `None` at the end of the input (also when it
/// ends inside a message).
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let Some(length) = read_header(input)? else {
        return Ok(None);
    };
    let length = match length {
        Length::Bytes(n) if n <= MAX_BODY => n,
        Length::Bytes(n) => {
            // Skipped, not read into memory.
            if io::copy(&mut input.take(n as u64), &mut io::sink())? < n as u64 {
                return Ok(None);
            }
            let why = format!("a message of {n} bytes, more than the {MAX_BODY} read");
            return Ok(Some(invalid(Id::Null, Error::invalid_request(), why)));
        }
        Length::Missing(junk) => {
            let why = if junk.is_empty() {
                "a message without a Content-Length header".to_string()
            } else {
                format!("a message without a valid Content-Length header (read: {junk})")
            };
            return Ok(Some(invalid(Id::Null, Error::parse_error(), why)));
        }
    };
    let mut body = Vec::new();
    if input.take(length as u64).read_to_end(&mut body)? < length {
        return Ok(None);
    }
    Ok(Some(decode(&body)))
}

/// Writes one message with its header.
pub fn write(output: &mut impl Write, body: &[u8]) -> io::Result<()> {
    write!(output, "Content-Length: {}\r\n\r\n", body.len())?;
    output.write_all(body)
}

/// What a header block says of the body's length.
enum Length {
    Bytes(usize),
    /// No usable `Content-Length`; what was read instead, for the log.
    Missing(String),
}

/// Reads header lines up to a blank one. Names are matched without regard
/// to case; headers other than `Content-Length` (`Content-Type` with any
/// media type or charset) are ignored. `None` at the end of the input.
fn read_header(input: &mut impl BufRead) -> io::Result<Option<Length>> {
    let mut length = None;
    let mut junk = String::new();
    let mut started = false;
    let mut line = Vec::new();
    loop {
        if !read_line(input, &mut line)? {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if started {
                break;
            }
            continue; // a stray line break between messages
        }
        started = true;
        let (name, value) = text.split_once(':').unwrap_or((text, ""));
        if name.trim().eq_ignore_ascii_case("content-length") {
            match value.trim().parse::<usize>() {
                Ok(n) => length = Some(n),
                Err(_) => junk = cut(text),
            }
        } else if !name.trim().eq_ignore_ascii_case("content-type") && junk.is_empty() {
            junk = cut(text);
        }
    }
    Ok(Some(match length {
        Some(n) => Length::Bytes(n),
        None => Length::Missing(junk),
    }))
}

/// At most 80 characters of a line, for the log.
fn cut(line: &str) -> String {
    line.chars().take(80).collect()
}

/// Reads one line (through `\n`) into `line`, keeping at most
/// [`MAX_HEADER_LINE`] bytes of it; false at the end of the input.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<bool> {
    line.clear();
    let read = input.take(MAX_HEADER_LINE as u64).read_until(b'\n', line)?;
    if read == 0 {
        return Ok(false);
    }
    if line.last() != Some(&b'\n') && read == MAX_HEADER_LINE {
        // Too long to be a header: skip to its end, keeping none of it.
        input.skip_until(b'\n')?;
    }
    Ok(true)
}

/// A body as a message, or the error to answer.
pub fn decode(body: &[u8]) -> Incoming {
    let value = match serde_json::from_slice::<Value>(body) {
        Ok(value) => value,
        Err(e) => match repaired(body).and_then(|text| serde_json::from_str(&text).ok()) {
            Some(value) => value,
            None => {
                let why = format!("a message that is not JSON ({e})");
                return invalid(Id::Null, Error::parse_error(), why);
            }
        },
    };
    let map = match value {
        Value::Object(map) => map,
        Value::Array(_) => {
            let why = "a batch (a JSON array), which LSP does not use".to_string();
            return invalid(Id::Null, Error::invalid_request(), why);
        }
        other => {
            let why = format!(
                "a message that is not a JSON object: {}",
                cut(&other.to_string())
            );
            return invalid(Id::Null, Error::invalid_request(), why);
        }
    };
    message(map)
}

/// A JSON object as a request, notification or response.
fn message(map: Map<String, Value>) -> Incoming {
    let id = map
        .get("id")
        .and_then(|id| serde_json::from_value::<Id>(id.clone()).ok());
    let answer_id = id.clone().unwrap_or(Id::Null);
    if map.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        let why = "a message without `\"jsonrpc\": \"2.0\"`".to_string();
        return invalid(answer_id, Error::invalid_request(), why);
    }
    if map.contains_key("method") {
        return match serde_json::from_value::<Request>(Value::Object(map)) {
            Ok(request) => Incoming::Request(request),
            Err(e) => invalid(
                answer_id,
                Error::invalid_request(),
                format!("a bad request ({e})"),
            ),
        };
    }
    if id.is_some() && (map.contains_key("result") || map.contains_key("error")) {
        return match serde_json::from_value::<Response>(Value::Object(map)) {
            Ok(response) => Incoming::Response(response),
            Err(e) => Incoming::Invalid {
                why: format!("a bad response ({e})"),
                reply: None,
            },
        };
    }
    let why = "a JSON object that is neither a request, a notification nor a response";
    invalid(answer_id, Error::invalid_request(), why.to_string())
}

fn invalid(id: Id, error: Error, why: String) -> Incoming {
    Incoming::Invalid {
        why,
        reply: Some(Response::from_error(id, error)),
    }
}

/// The body with invalid UTF-8 and lone surrogate escapes (`\ud83d` not
/// followed by its low half, or a low half alone) replaced by U+FFFD, or
/// `None` when there is nothing to replace.
fn repaired(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let mut out = String::with_capacity(text.len());
    let mut changed = matches!(text, std::borrow::Cow::Owned(_));
    let mut rest: &str = &text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match surrogate(rest) {
            Some(0xD800..=0xDBFF) if matches!(surrogate(&rest[6..]), Some(0xDC00..=0xDFFF)) => {
                out.push_str(&rest[..12]);
                rest = &rest[12..];
            }
            Some(_) => {
                out.push_str("\\ufffd");
                rest = &rest[6..];
                changed = true;
            }
            None => {
                // Any other escape: the backslash and the character after it.
                let len = rest[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&rest[..1 + len]);
                rest = &rest[1 + len..];
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The code unit of a `\uXXXX` escape at the start of `s`, if it is a
/// surrogate.
fn surrogate(s: &str) -> Option<u32> {
    let hex = s.strip_prefix("\\u")?.get(..4)?;
    let unit = u32::from_str_radix(hex, 16).ok()?;
    (0xD800..=0xDFFF).contains(&unit).then_some(unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frame(body: &str) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out, body.as_bytes()).unwrap();
        out
    }

    /// Every message of `bytes`, shown as the method, the response id, or
    /// the error code answered with its id.
    fn read_all(bytes: &[u8]) -> Vec<String> {
        let mut input = bytes;
        let mut out = Vec::new();
        while let Some(message) = read(&mut input).unwrap() {
            out.push(match message {
                Incoming::Request(r) => format!("request {}", r.method()),
                Incoming::Response(r) => format!("response {}", json!(r)["id"]),
                Incoming::Invalid { reply: Some(r), .. } => {
                    let r = json!(r);
                    format!("error {} id {}", r["error"]["code"], r["id"])
                }
                Incoming::Invalid { reply: None, why } => format!("dropped: {why}"),
            });
        }
        out
    }

    const OK: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;

    #[test]
    fn each_broken_message_gets_an_error_and_the_next_is_read() {
        let mut bytes = Vec::new();
        for body in [
            "[]",
            "{}",
            "not json",
            "7",
            r#"{"method":"initialized"}"#,
            r#"{"id":3,"method":"hover"}"#,
            r#"{"jsonrpc":"2.0","id":4,"method":7}"#,
            r#"{"jsonrpc":"2.0","id":5,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":{"no":1},"result":null}"#,
            OK,
        ] {
            bytes.extend(frame(body));
        }
        expect_test::expect![[r#"
            [
                "error -32600 id null",
                "error -32600 id null",
                "error -32700 id null",
                "error -32600 id null",
                "error -32600 id null",
                "error -32600 id 3",
                "error -32600 id 4",
                "response 5",
                "error -32600 id null",
                "request initialized",
            ]
        "#]]
        .assert_debug_eq(&read_all(&bytes));
    }

    #[test]
    fn headers_are_read_leniently() {
        let body = OK;
        let n = body.len();
        let bytes = [
            format!("content-length: {n}\r\n\r\n{body}"),
            format!("Content-Length: {n}\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{body}"),
            format!("Content-Type: application/vscode-jsonrpc; charset=UTF-8\r\nContent-Length: {n}\r\n\r\n{body}"),
            format!("Content-Length: {n}\r\nX-Third: yes\r\nContent-Type: x\r\n\r\n{body}"),
            format!("\r\nContent-Length:{n}\n\n{body}"),
            "Content-Type: x\r\n\r\n".to_string(),
            "Content-Length: many\r\n\r\n".to_string(),
            format!("Content-Length: {n}\r\n\r\n{body}"),
        ]
        .concat();
        expect_test::expect![[r#"
            [
                "request initialized",
                "request initialized",
                "request initialized",
                "request initialized",
                "request initialized",
                "error -32700 id null",
                "error -32700 id null",
                "request initialized",
            ]
        "#]]
        .assert_debug_eq(&read_all(bytes.as_bytes()));
    }

    #[test]
    fn lone_surrogates_are_replaced_and_pairs_kept() {
        let body = r#"{"jsonrpc":"2.0","method":"x","params":{"a":"\ud83d!","b":"\ud83d\ude00","c":"\\ud83d","d":"\udc00"}}"#;
        let Incoming::Request(request) = decode(body.as_bytes()) else {
            panic!("not read");
        };
        let params = request.params().unwrap();
        assert_eq!(params["a"], "\u{fffd}!");
        assert_eq!(params["b"], "😀");
        assert_eq!(params["c"], "\\ud83d", "an escaped backslash is no escape");
        assert_eq!(params["d"], "\u{fffd}");
        let latin1 = b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"caf\xe9\"}";
        let Incoming::Request(request) = decode(latin1) else {
            panic!("not read");
        };
        assert_eq!(request.params().unwrap(), "caf\u{fffd}");
    }

    #[test]
    fn an_oversized_or_cut_message_is_not_read_into_memory() {
        let huge = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1);
        assert_eq!(read_all(huge.as_bytes()), Vec::<String>::new(), "cut short");
        let cut = "Content-Length: 100\r\n\r\n{\"jsonrpc\"";
        assert_eq!(read_all(cut.as_bytes()), Vec::<String>::new());
        let long_line = format!(
            "X: {}\r\n{}",
            "y".repeat(3 * MAX_HEADER_LINE),
            String::from_utf8(frame(OK)).unwrap()
        );
        assert_eq!(read_all(long_line.as_bytes()), ["request initialized"]);
    }

    /// The transport's fuzz target: any bytes at all end in messages or
    /// errors, never a panic, and a stream of frames, some with bodies of
    /// random bytes, yields one item per frame, in order.
    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        /// Reads messages until the input ends or cannot be read: each
        /// message consumes input, so that never takes more reads than bytes.
        fn reads_to_the_end(bytes: &[u8]) -> Result<(), TestCaseError> {
            let mut input = bytes;
            let mut n = 0;
            while let Ok(Some(_)) = read(&mut input) {
                n += 1;
                prop_assert!(n <= bytes.len(), "each message consumes input");
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn any_bytes_are_read_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
                reads_to_the_end(&bytes)?;
            }

            #[test]
            fn header_like_bytes_are_read_without_a_panic(
                tokens in proptest::collection::vec(
                    prop_oneof![
                        Just("Content-Length: ".to_string()),
                        Just("content-length:".to_string()),
                        Just("Content-Type: x".to_string()),
                        Just("\r\n".to_string()),
                        Just("\n".to_string()),
                        Just(r#"{"jsonrpc":"2.0","method":"x"}"#.to_string()),
                        Just("\\ud83d".to_string()),
                        (0u32..200).prop_map(|n| n.to_string()),
                        "[ -~]{0,8}",
                    ],
                    0..64,
                )
            ) {
                reads_to_the_end(tokens.concat().as_bytes())?;
            }

            #[test]
            fn every_frame_is_one_message_or_one_error(
                frames in proptest::collection::vec(
                    prop_oneof![
                        Just(None),
                        proptest::collection::vec(any::<u8>(), 0..64).prop_map(Some),
                        "[ -~]{0,40}".prop_map(|s| Some(s.into_bytes())),
                    ],
                    0..24,
                )
            ) {
                let mut bytes = Vec::new();
                for (i, frame) in frames.iter().enumerate() {
                    let body = match frame {
                        None => format!(r#"{{"jsonrpc":"2.0","method":"m{i}"}}"#).into_bytes(),
                        Some(junk) => junk.clone(),
                    };
                    write(&mut bytes, &body).unwrap();
                }
                let mut input = &bytes[..];
                for (i, frame) in frames.iter().enumerate() {
                    let message = read(&mut input).unwrap();
                    match (frame, message) {
                        (None, Some(Incoming::Request(r))) => prop_assert_eq!(r.method(), format!("m{i}")),
                        (Some(_), Some(_)) => {}
                        (frame, message) => prop_assert!(false, "frame {i} {frame:?} read as {message:?}"),
                    }
                }
                prop_assert!(read(&mut input).unwrap().is_none());
            }
        }
    }
}
