use super::*;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gongkai-output-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn names_are_sanitised_and_index_is_reserved() {
    assert_eq!(
        file_name(Path::new("inputs/jianghan-2024.yaml"), "md"),
        "jianghan-2024.md"
    );
    assert_eq!(file_name(Path::new("..yaml"), "md"), "report.md");
    assert_eq!(file_name(Path::new("a\u{7}b.yaml"), "html"), "a_b.html");
    assert!(reserved(Path::new("inputs/INDEX.yaml")));
    assert!(reserved(Path::new("Index.yml")));
    assert!(!reserved(Path::new("index2.yaml")));
}

#[test]
fn a_set_replaces_all_of_its_files_or_none() {
    let d = dir("set");
    std::fs::write(d.join("a.md"), "old").expect("write");
    std::fs::write(d.join("a.html"), "old").expect("write");
    // The second target is a directory: nothing is replaced.
    std::fs::create_dir(d.join("a.pdf")).expect("dir");
    let r = write_set(
        &d,
        &[
            ("a.md".into(), b"new".as_slice()),
            ("a.pdf".into(), b"new".as_slice()),
        ],
    );
    assert!(r.is_err());
    assert_eq!(
        std::fs::read_to_string(d.join("a.md")).expect("read"),
        "old"
    );
    // A complete set replaces every file; no temporary file stays.
    write_set(
        &d,
        &[
            ("a.md".into(), b"new".as_slice()),
            ("a.html".into(), b"new".as_slice()),
        ],
    )
    .expect("written");
    assert_eq!(
        std::fs::read_to_string(d.join("a.html")).expect("read"),
        "new"
    );
    let temps = std::fs::read_dir(&d)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
        .count();
    assert_eq!(temps, 0);
}

#[cfg(unix)]
#[test]
fn a_planted_link_is_replaced_not_followed() {
    let d = dir("link");
    let outside = dir("link-outside").join("victim.txt");
    std::fs::write(&outside, "precious").expect("write");
    std::os::unix::fs::symlink(&outside, d.join("r.html")).expect("link");
    write_atomic(&d, "r.html", b"report").expect("written");
    assert_eq!(std::fs::read_to_string(&outside).expect("read"), "precious");
    assert_eq!(
        std::fs::read_to_string(d.join("r.html")).expect("read"),
        "report"
    );
}

#[test]
fn nothing_is_created_before_the_first_write() {
    let d = dir("lazy").join("out");
    let out = OutputDir::new(&d);
    assert!(out.manifests().is_empty());
    assert!(!d.exists());
}

#[test]
fn a_second_run_is_locked_out_and_stale_temps_are_removed() {
    let d = dir("lock");
    let stale = d.join(".gongkai-abc.tmp");
    std::fs::write(&stale, "half").expect("write");
    let first = OutputDir::new(&d);
    first.write_file("x.txt", b"x").expect("first");
    assert!(!stale.exists(), "a killed run's temporary file is removed");
    let second = OutputDir::new(&d);
    let refused = second.write_file("y.txt", b"y");
    assert!(matches!(refused, Err(Error::Usage(m)) if m.contains("另一个 gongkai")));
    drop(first);
    second.write_file("y.txt", b"y").expect("free again");
}

#[test]
fn manifests_list_what_the_folder_holds() {
    let d = dir("manifests");
    let out = OutputDir::new(&d);
    out.write_report("a", &[("a.html".into(), b"x".as_slice())], b"{\"a\":1}")
        .expect("written");
    out.write_report("b", &[("b.html".into(), b"x".as_slice())], b"{\"b\":1}")
        .expect("written");
    let m = out.manifests();
    assert_eq!(m.keys().collect::<Vec<_>>(), ["a", "b"]);
}

#[test]
fn read_limited_refuses_what_is_larger() {
    let d = dir("limit");
    std::fs::write(d.join("f"), vec![b'x'; 100]).expect("write");
    let read = crate::load::read_limited;
    assert_eq!(read(&d.join("f"), 100).expect("read").len(), 100);
    assert!(read(&d.join("f"), 99).is_err());
}
