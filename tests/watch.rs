//! `gongkai watch`, the live preview, as a clerk uses it: the binary serves a temporary
//! copy of the Jianghan example, a real headless Chromium keeps the page open
//! (`browser/watch.mjs`), and the test edits the file — a figure, an error, the fix, a
//! rename-on-save, bytes that are not UTF-8, the file briefly gone — asserting that the
//! page shows each state within 2 s without being reloaded from outside. Also: the
//! server listens on 127.0.0.1 only and answers only requests naming this machine, the
//! PDF page preview is a PDF made in memory, nothing is written beside the input,
//! Ctrl-C ends it with exit code 0 and frees the port, `--open` starts the system
//! browser, the help is Chinese.
//!
//! The browser test needs Node.js, Chromium and `npm ci --prefix tests/browser`. Unix only
//! (Ctrl-C is sent as SIGINT).
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// A running `gongkai watch`.
struct Preview {
    child: Child,
    url: String,
    port: u16,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Preview {
    /// Starts `gongkai watch` with `args` in `dir` and waits for its URL.
    fn start(dir: &Path, args: &[&str], path: Option<&str>) -> Preview {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        cmd.arg("watch")
            .args(args)
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", common::TEST_EPOCH)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(p) = path {
            cmd.env("PATH", p);
        }
        let mut child = cmd.spawn().expect("start gongkai watch");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let mut p = Preview {
            child,
            url: String::new(),
            port: 0,
            lines,
            seen: Vec::new(),
        };
        let line = p.wait_line("预览：http://127.0.0.1:", Duration::from_secs(20));
        let url = line
            .split("预览：")
            .nth(1)
            .and_then(|r| r.split('（').next())
            .expect("url")
            .to_owned();
        p.port = url
            .trim_start_matches("http://127.0.0.1:")
            .trim_end_matches('/')
            .parse()
            .expect("port");
        p.url = url;
        p
    }

    /// The next line of its messages containing `needle`.
    fn wait_line(&mut self, needle: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "gongkai watch did not say `{needle}`; it said:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Ctrl-C; waits for the exit.
    fn interrupt(&mut self) -> ExitStatus {
        let pid = nix::unistd::Pid::from_raw(i32::try_from(self.child.id()).expect("pid"));
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("send SIGINT");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
                    self.seen.push(line);
                }
                return status;
            }
            assert!(Instant::now() < deadline, "still running 10 s after Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A plain HTTP/1.0 GET (no chunked answers): status, headers, body.
fn get(port: u16, path: &str, host: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(s, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    (status, head, raw[end + 4..].to_vec())
}

/// A temporary directory holding a copy of the Jianghan example.
fn jianghan_copy(name: &str) -> (PathBuf, PathBuf, String) {
    let dir = common::temp_dir(name);
    let input = dir.join("jianghan-2024.yaml");
    let text = std::fs::read_to_string(common::root().join("inputs/jianghan-2024.yaml"))
        .expect("jianghan");
    std::fs::write(&input, &text).expect("copy");
    (dir, input, text)
}

/// The names in `dir`: the preview must leave it as the test made it.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

/// The page's figure change: 1 万元 moved between two lines of the same column, so the
/// file stays valid and 购房补贴 prints `to`.
fn moved(text: &str, rent: &str, buy: &str) -> String {
    let out = text
        .replace(
            "name: 提租补贴, personnel: 8.26",
            &format!("name: 提租补贴, personnel: {rent}"),
        )
        .replace(
            "name: 购房补贴, personnel: 12.28",
            &format!("name: 购房补贴, personnel: {buy}"),
        );
    assert_ne!(out, text, "the example changed: update the edit");
    out
}

fn browser_dir() -> PathBuf {
    common::root().join("tests/browser")
}

fn chromium() -> PathBuf {
    std::env::var_os("GONGKAI_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// The browser side: `browser/watch.mjs` with the page open.
struct Browser {
    child: Child,
    stdin: ChildStdin,
    answers: Receiver<String>,
}

impl Browser {
    fn open(url: &str) -> Browser {
        let mut child = Command::new("node")
            .arg(browser_dir().join("watch.mjs"))
            .arg(url)
            .env("GONGKAI_CHROMIUM", chromium())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("run node");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, answers) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Browser {
            child,
            stdin,
            answers,
        }
    }

    fn ask(&mut self, command: &str) -> String {
        writeln!(self.stdin, "{command}").expect("tell the browser");
        self.stdin.flush().expect("flush");
        self.answers
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no answer from the browser to {command}"))
    }

    /// Waits (2 s at most, measured in the browser from right after the edit) until the
    /// page shows every `text` and none of `absent`; returns the milliseconds it took.
    fn shows(&mut self, state: &str, text: &[&str], absent: &[&str]) -> u64 {
        let spec = serde_json::json!({ "text": text, "absent": absent, "ms": 2000 });
        let answer = self.ask(&format!("expect {spec}"));
        let ms = answer
            .strip_prefix("ok ")
            .and_then(|m| m.parse().ok())
            .unwrap_or_else(|| panic!("{state}: the page did not show it within 2 s: {answer}"));
        eprintln!("{state}: shown after {ms} ms");
        ms
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "quit");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_page_follows_every_save_in_a_real_browser() {
    let node = common::has_program("node", &["--version"]);
    let playwright = browser_dir()
        .join("node_modules/playwright-core/package.json")
        .is_file();
    if !common::require_tool("node (apt-get install nodejs)", node)
        || !common::require_tool("chromium (apt-get install chromium)", chromium().is_file())
        || !common::require_tool(
            "playwright-core (npm ci --prefix tests/browser)",
            playwright,
        )
    {
        return;
    }
    let (dir, input, text) = jianghan_copy("watch-browser");
    let mut preview = Preview::start(&dir, &["jianghan-2024.yaml"], None);
    preview.wait_line("[1] 已生成", Duration::from_secs(20));
    let mut browser = Browser::open(&preview.url);

    // The report, its warnings above it.
    browser.shows(
        "report",
        &[
            "江汉区信访局",
            "已生成，3 个警告",
            "警告[EXP-004]",
            "第一部分",
        ],
        &["13.28", "校验未通过"],
    );
    // A figure.
    std::fs::write(&input, moved(&text, "7.26", "13.28")).expect("save");
    browser.shows("a figure", &["13.28", "已生成"], &[]);
    // An error: every part of the diagnostic as `check` words it, instead of the report.
    let wrong = moved(&text, "7.26", "13.28").replace("general: 825.16", "general: 825.17");
    std::fs::write(&input, &wrong).expect("save");
    browser.shows(
        "an error",
        &[
            "校验未通过：1 个错误，3 个警告",
            "错误[SUM-001]：单位 112001 的一般公共预算拨款：收入 825.17 万元，支出 825.16 万元",
            "--> jianghan-2024.yaml:68:7",
            "68 |       general: 825.17",
            "= 字段：income[0].current.general",
            "第 87 行 expenditure[9]：支出：2210203 购房补贴 13.28 万元",
            "警告[EXP-004]",
        ],
        &["第一部分"],
    );
    let copied = browser.ask("copy SUM-001");
    assert_eq!(
        copied, "ok jianghan-2024.yaml:68",
        "a click copies FILE:LINE"
    );
    // The fix.
    std::fs::write(&input, moved(&text, "7.26", "13.28")).expect("save");
    browser.shows("the fix", &["第一部分", "13.28", "已生成"], &["SUM-001"]);
    // Rename-on-save: the editor writes a temporary file and renames it over the input.
    let temp = dir.join(".jianghan-2024.yaml.tmp");
    std::fs::write(&temp, moved(&text, "6.26", "14.28")).expect("write temp");
    std::fs::rename(&temp, &input).expect("rename");
    browser.shows("a rename-on-save", &["第一部分", "14.28"], &["13.28"]);
    // Bytes that are not UTF-8, then the file gone for good, then back.
    let mut bytes = moved(&text, "6.26", "14.28").into_bytes();
    bytes.extend_from_slice(b"\n# \xff\xfe\n");
    std::fs::write(&input, &bytes).expect("save");
    browser.shows(
        "not UTF-8",
        &["错误[STR-001]：文件不是 UTF-8 编码"],
        &["第一部分"],
    );
    std::fs::remove_file(&input).expect("remove");
    browser.shows("the file gone", &["找不到输入文件 jianghan-2024.yaml"], &[]);
    std::fs::write(&input, moved(&text, "6.26", "14.28")).expect("save");
    browser.shows("the file back", &["第一部分", "14.28"], &["找不到"]);
    drop(browser);

    let status = preview.interrupt();
    assert!(status.success(), "Ctrl-C ends it with 0: {status}");
    assert!(
        preview.seen.iter().any(|l| l == "已停止预览"),
        "{:?}",
        preview.seen
    );
    TcpListener::bind(("127.0.0.1", preview.port)).expect("the port is free again");
    assert_eq!(names(&dir), ["jianghan-2024.yaml"], "nothing written");
}

#[test]
fn the_server_listens_on_loopback_only_and_serves_the_pdf_from_memory() {
    let (dir, _input, _) = jianghan_copy("watch-server");
    let mut preview = Preview::start(&dir, &["jianghan-2024.yaml", "--port", "0"], None);
    preview.wait_line("[1] 已生成", Duration::from_secs(20));
    let port = preview.port;

    let (status, head, body) = get(port, "/", &format!("127.0.0.1:{port}"));
    assert_eq!(status, 200, "{head}");
    let page = String::from_utf8(body).expect("utf-8 page");
    assert!(page.contains("江汉区信访局") && page.contains("new EventSource(\"/events\")"));
    assert!(!page.contains("src=\"http"), "no outside script");

    let (status, head, pdf) = get(port, "/preview.pdf", &format!("localhost:{port}"));
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("Content-Type: application/pdf"), "{head}");
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 10_000);
    let (status, _, pdf_page) = get(port, "/pdf", &format!("127.0.0.1:{port}"));
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&pdf_page)
        .contains("<iframe class=\"gkw-pdf\" src=\"/preview.pdf?v="));

    // Another site pointing a DNS name at this machine is refused.
    let (status, _, _) = get(port, "/", &format!("evil.example:{port}"));
    assert_eq!(status, 403);
    let (status, _, _) = get(port, "/nothing", &format!("127.0.0.1:{port}"));
    assert_eq!(status, 404);

    // Listening on 127.0.0.1 only: no other loopback address, no IPv6, per the kernel.
    #[cfg(target_os = "linux")]
    {
        assert!(
            TcpStream::connect(("127.0.0.2", port)).is_err(),
            "127.0.0.2 must be refused"
        );
        let listening = |table: &str| -> Vec<String> {
            std::fs::read_to_string(table)
                .unwrap_or_default()
                .lines()
                .skip(1)
                .filter_map(|l| {
                    let f: Vec<&str> = l.split_whitespace().collect();
                    let (addr, p) = f.get(1)?.split_once(':')?;
                    (u16::from_str_radix(p, 16).ok()? == port && f.get(3)? == &"0A")
                        .then(|| addr.to_owned())
                })
                .collect()
        };
        assert_eq!(listening("/proc/net/tcp"), ["0100007F"], "127.0.0.1 only");
        assert!(listening("/proc/net/tcp6").is_empty(), "no IPv6 socket");
    }

    let status = preview.interrupt();
    assert!(status.success(), "{status}");
    TcpListener::bind(("127.0.0.1", port)).expect("the port is free again");
    assert_eq!(names(&dir), ["jianghan-2024.yaml"], "nothing written");
}

#[test]
fn a_taken_port_or_a_missing_file_is_refused_in_chinese_with_code_2() {
    let (dir, _, _) = jianghan_copy("watch-refused");
    let taken = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let o = common::gongkai(&dir, &["watch", "jianghan-2024.yaml", "--port", &port]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("端口已被占用"), "{err}");
    let o = common::gongkai(&dir, &["watch", "nope.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("找不到输入文件 nope.yaml"));
    assert_eq!(names(&dir), ["jianghan-2024.yaml"]);
}

#[test]
fn help_is_chinese() {
    let o = common::gongkai(&common::root(), &["watch", "--help"]);
    assert!(o.status.success());
    let help = String::from_utf8_lossy(&o.stdout);
    for words in [
        "实时预览",
        "--port <端口>",
        "127.0.0.1",
        "--open",
        "--templates <目录>",
    ] {
        assert!(help.contains(words), "`{words}` missing:\n{help}");
    }
    let o = common::gongkai(&common::root(), &["--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("watch"));
}

#[cfg(target_os = "linux")]
#[test]
fn open_starts_the_system_browser_on_the_url() {
    let (dir, _, _) = jianghan_copy("watch-open");
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let opened = dir.join("opened.txt");
    let fake = bin.join("xdg-open");
    std::fs::write(
        &fake,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .expect("fake xdg-open");
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut preview = Preview::start(
        &dir,
        &["jianghan-2024.yaml", "--port", "0", "--open"],
        Some(&path),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while !opened.is_file() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = std::fs::read_to_string(&opened).expect("the browser was started");
    assert_eq!(url, preview.url);
    assert!(preview.interrupt().success());
}
