//! The preview's HTTP server (tiny_http), on 127.0.0.1 only. Routes: `/` (the report, or
//! the diagnostics), `/events` (server-sent events: the current build's token, then each
//! new one), `/pdf` (the PDF page preview), `/preview.pdf` (the PDF itself, made in
//! memory on request). Requests whose `Host` is not 127.0.0.1 or localhost are refused, so
//! another site cannot read the preview through a DNS name pointed at this machine.

use std::io::Write;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::Mutex;
use std::thread::Scope;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::{page, Config, Shared, DEFAULT_PORT, TICK};
use crate::error::Error;

/// How often an idle event stream sends a comment, to find out that its reader left.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The listening socket on 127.0.0.1: `port`, or [`DEFAULT_PORT`] and, when that is
/// taken, one the system chooses.
pub(super) fn bind(port: Option<u16>) -> Result<TcpListener, Error> {
    let at = |p: u16| TcpListener::bind((Ipv4Addr::LOCALHOST, p));
    let refused = |p: u16, e: std::io::Error| {
        let why = if e.kind() == std::io::ErrorKind::AddrInUse {
            "端口已被占用".to_owned()
        } else {
            e.to_string()
        };
        Error::Usage(format!(
            "无法在 127.0.0.1:{p} 上提供预览：{why}（用 --port 换一个端口，或不写 --port 由程序选择）"
        ))
    };
    match port {
        Some(p) => at(p).map_err(|e| refused(p, e)),
        None => at(DEFAULT_PORT)
            .or_else(|_| at(0))
            .map_err(|e| refused(0, e)),
    }
}

/// The server and whether it failed.
pub(super) struct Server {
    http: tiny_http::Server,
    failure: Mutex<Option<String>>,
}

impl Server {
    pub(super) fn new(listener: TcpListener) -> Result<Server, Error> {
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| Error::Usage(format!("无法启动预览服务：{e}")))?;
        Ok(Server {
            http,
            failure: Mutex::new(None),
        })
    }

    /// Answers requests, each on a thread of its own (an event stream stays open), until
    /// the preview stops.
    pub(super) fn serve<'s>(
        &'s self,
        scope: &'s Scope<'s, '_>,
        cfg: &'s Config,
        port: u16,
        shared: &'s Shared,
    ) {
        while !shared.stopping() {
            match self.http.recv_timeout(TICK) {
                Ok(Some(request)) => {
                    scope.spawn(move || handle(request, cfg, port, shared));
                }
                Ok(None) => {}
                Err(e) => {
                    *self.failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.to_string());
                    return;
                }
            }
        }
    }

    pub(super) fn failed(&self) -> bool {
        self.failure().is_some()
    }

    pub(super) fn failure(&self) -> Option<String> {
        self.failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

fn handle(request: Request, cfg: &Config, port: u16, shared: &Shared) {
    if !local_host(&request, port) {
        let page = page::message(
            "拒绝访问",
            "预览只接受 http://127.0.0.1 或 http://localhost 的访问",
        );
        return respond(request, 403, "text/html; charset=utf-8", page.into_bytes());
    }
    let get = matches!(request.method(), Method::Get | Method::Head);
    let path = request.url().split('?').next().unwrap_or("/").to_owned();
    let snapshot = shared.current();
    match (get, path.as_str()) {
        (false, _) => {
            let page = page::message("不支持的请求", "预览只接受 GET 请求");
            respond(request, 405, "text/html; charset=utf-8", page.into_bytes())
        }
        (true, "/") => respond(request, 200, HTML, snapshot.page.clone().into_bytes()),
        (true, "/events") => events(request, shared, &snapshot.token),
        (true, "/pdf") => {
            let page = snapshot.pdf_page.as_ref().unwrap_or(&snapshot.page);
            respond(request, 200, HTML, page.clone().into_bytes())
        }
        (true, "/preview.pdf") => match snapshot.pdf(cfg) {
            Some(Ok(bytes)) => respond(request, 200, "application/pdf", bytes.clone()),
            Some(Err(message)) => {
                let page = page::message("无法生成 PDF", message);
                respond(request, 500, HTML, page.into_bytes())
            }
            // No report now: the page says why.
            None => respond(request, 409, HTML, snapshot.page.clone().into_bytes()),
        },
        (true, "/favicon.ico") => respond(request, 204, "text/plain", Vec::new()),
        (true, _) => {
            let page = page::message("找不到页面", "预览只有 / 和 /pdf 两个页面");
            respond(request, 404, HTML, page.into_bytes())
        }
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// Whether the request names this machine: `Host` is 127.0.0.1 or localhost with our
/// port (a browser always sends it; a request without it comes from no web page).
fn local_host(request: &Request, port: u16) -> bool {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str());
    host_is_local(host, port)
}

/// [`local_host`] on the header's value.
pub(super) fn host_is_local(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host.map(|h| h.trim().to_ascii_lowercase()) else {
        return true;
    };
    let (name, at) = match host.rsplit_once(':') {
        Some((name, p)) => (name, p.parse::<u16>().ok()),
        None => (host.as_str(), Some(80)),
    };
    (name == "127.0.0.1" || name == "localhost") && at == Some(port)
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Content-Security-Policy", CSP),
    ] {
        if let Ok(h) = Header::from_bytes(name, value) {
            response.add_header(h);
        }
    }
    // The browser left: nothing to do.
    let _ = request.respond(response);
}

/// Inline style and script (the page's own), `data:` images and downloads, the event
/// stream and the PDF frame from this server; nothing from anywhere else.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; \
object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/// The event stream: the current token at once, then each new one, a comment now and
/// then; ends when the reader leaves or the preview stops.
fn events(request: Request, shared: &Shared, first: &str) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
                Connection: close\r\n\r\nretry: 500\n\n";
    let mut seen = first.to_owned();
    if write!(out, "{head}data: {seen}\n\n").is_err() || out.flush().is_err() {
        return;
    }
    loop {
        let Some(now) = shared.wait_change(&seen, KEEP_ALIVE) else {
            return;
        };
        let sent = if now.token == seen {
            out.write_all(b": \n\n")
        } else {
            seen = now.token.clone();
            write!(out, "data: {seen}\n\n")
        };
        if sent.is_err() || out.flush().is_err() {
            return;
        }
    }
}
