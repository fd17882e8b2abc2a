//! The two migration sets describe the same schema: every table has the same columns on
//! SQLite and PostgreSQL, so that every query runs on both.

use std::collections::{BTreeMap, BTreeSet};

type Schema = BTreeMap<String, BTreeSet<String>>;

fn schema_of(dir: &str) -> Schema {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("migrations folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut schema = Schema::new();
    for file in files {
        let sql = std::fs::read_to_string(&file).expect("migration");
        let mut table: Option<String> = None;
        for line in sql.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
                let name = rest
                    .split_whitespace()
                    .next()
                    .expect("table name")
                    .to_owned();
                schema.entry(name.clone()).or_default();
                table = Some(name);
            } else if line.starts_with(')') {
                table = None;
            } else if let Some(rest) = line.strip_prefix("ALTER TABLE ") {
                let mut words = rest.split_whitespace();
                let name = words.next().expect("table").to_owned();
                if words.next() == Some("ADD") {
                    let column = words.find(|w| *w != "COLUMN").expect("column");
                    schema.entry(name).or_default().insert(column.to_owned());
                }
            } else if let Some(name) = &table {
                let first = line.split_whitespace().next().unwrap_or("");
                let is_column = !first.is_empty()
                    && !line.starts_with("--")
                    && !["PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "CONSTRAINT"].contains(&first);
                if is_column {
                    schema
                        .entry(name.clone())
                        .or_default()
                        .insert(first.to_owned());
                }
            }
        }
    }
    schema
}

#[test]
fn sqlite_and_postgres_migrations_match() {
    let root = env!("CARGO_MANIFEST_DIR");
    let sqlite = schema_of(&format!("{root}/migrations/sqlite"));
    let postgres = schema_of(&format!("{root}/migrations/postgres"));
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);

    let names = |dir: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(format!("{root}/migrations/{dir}"))
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names("sqlite"),
        names("postgres"),
        "migrations must come in pairs with the same versions"
    );
}
