pub mod num;
pub mod load { pub mod schema; }
