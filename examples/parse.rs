// Scratch checker for input authors until `gongkai check` exists.
fn main() {
    for p in std::env::args().skip(1) {
        let s = std::fs::read_to_string(&p).expect("read");
        match serde_yaml::from_str::<gongkai::load::schema::Budget>(&s) {
            Ok(b) => println!("{p}: OK ({} expenditure lines, {} projects)", b.expenditure.len(), b.projects.len()),
            Err(e) => println!("{p}: ERROR {e}"),
        }
    }
}
