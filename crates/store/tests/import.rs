//! Import tests of the store: planning and writing in one transaction, on SQLite and on
//! PostgreSQL.

use vaski_domain::account::Role;
use vaski_domain::network::import::{Candidates, ColumnMapping, ImportMode};
use vaski_domain::network::BusinessId;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::network::import::{self, ImportOptions, OnError};
use vaski_store::network::{organisation, person};
use vaski_store::{both_databases, sql, Actor, Db};

const HEADERS: &[&str] = &[
    "Nimi",
    "Y-tunnus",
    "Kunta",
    "Toimiala",
    "Tunnisteet",
    "Yhteyshenkilö",
    "Sähköposti",
    "Puhelin",
];

fn candidates(headers: &[&str], rows: &[&[&str]]) -> Candidates {
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    ColumnMapping::recognise(&headers)
        .candidates(rows.iter().enumerate().map(|(i, r)| (i + 2, r.as_slice())))
        .expect("a usable mapping")
}

fn good_file() -> Candidates {
    candidates(
        HEADERS,
        &[
            &[
                "Forssan Hitsaamo Oy",
                "0112038-9",
                "Forssa",
                "25",
                "metalli, hitsaus",
                "Maija Mallikas",
                "maija@hitsaamo.fi",
                "040 123 4567",
            ],
            &["Ypäjän Talli", "", "Ypäjä", "", "", "", "", ""],
        ],
    )
}

/// Row 3 has a business ID whose check digit is wrong.
fn file_with_a_bad_row() -> Candidates {
    candidates(
        HEADERS,
        &[
            &[
                "Forssan Hitsaamo Oy",
                "0112038-9",
                "Forssa",
                "",
                "",
                "",
                "",
                "",
            ],
            &["Pelti Oy", "1234567-8", "Loppi", "", "", "", "", ""],
            &["Ypäjän Talli", "", "Ypäjä", "", "", "", "", ""],
        ],
    )
}

fn options(mode: ImportMode, on_error: OnError) -> ImportOptions {
    ImportOptions {
        mode,
        on_error,
        file_name: "kumppanit.csv".into(),
        dry_run: false,
    }
}

async fn staff_user(db: &Db) -> i64 {
    let email = Email::parse("tiina@lhkk.example").expect("email");
    account::create_user(
        db,
        NewUser {
            email: &email,
            name: "Tiina Koordinaattori",
            role: Role::Staff,
            organisation_id: None,
            password_hash: None,
            language: Language::Fi,
        },
        &Actor::system("test"),
    )
    .await
    .expect("user")
}

async fn count(db: &Db, table: &str) -> i64 {
    let (n,): (i64,) = db
        .fetch_one(sql(format!("SELECT COUNT(*) FROM {table}")))
        .await
        .expect("count");
    n
}

async fn import_entries(db: &Db) -> i64 {
    let (n,): (i64,) = db
        .fetch_one(sql(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'import' AND entity = 'import'",
        ))
        .await
        .expect("count");
    n
}

/// A file of `n` valid organisations with contacts.
fn large_file(n: u32) -> Candidates {
    let rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            // Seven bodies per row, so that rows never share one; not every body has a
            // check digit.
            let id = (0..7)
                .find_map(|k| BusinessId::from_body(1_000_000 + i * 7 + k))
                .expect("a valid business ID");
            vec![
                format!("Yritys {i} Oy"),
                id.as_str().to_string(),
                "Forssa".into(),
                "25".into(),
                "metalli".into(),
                format!("Henkilö {i}"),
                format!("h{i}@yritys.example"),
                "040 123 4567".into(),
            ]
        })
        .collect();
    let headers: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    ColumnMapping::recognise(&headers)
        .candidates(rows.iter().enumerate().map(|(i, r)| (i + 2, r.as_slice())))
        .expect("a usable mapping")
}

both_databases! {
    async fn a_file_creates_organisations_with_contacts_owned_by_the_importing_user(db) {
        let user = staff_user(&db).await;
        let actor = Actor::user(user, "tiina@lhkk.example");
        let outcome = import::apply(&db, &good_file(), &options(ImportMode::Create, OnError::Abort), &actor).await.expect("import");
        assert!(outcome.written);
        assert_eq!((outcome.created, outcome.updated, outcome.unchanged, outcome.refused_rows), (2, 0, 0, 0));
        let (list, total) = organisation::list(&db, &Default::default(), Default::default()).await.expect("list");
        assert_eq!(total, 2);
        let hitsaamo = list.iter().find(|o| o.name == "Forssan Hitsaamo Oy").expect("imported");
        let o = organisation::get(&db, hitsaamo.id).await.expect("get").expect("exists");
        assert_eq!(o.business_id.as_deref(), Some("0112038-9"));
        assert_eq!(o.municipality_code.as_deref(), Some("061"));
        assert_eq!(o.industry_code.as_deref(), Some("25"));
        assert_eq!(o.tags, vec!["hitsaus".to_string(), "metalli".to_string()]);
        assert_eq!(o.owners.iter().map(|w| w.user_id).collect::<Vec<_>>(), vec![user]);
        let people = person::roles_at(&db, hitsaamo.id).await.expect("roles");
        assert_eq!(people.len(), 1);
        let maija = person::get(&db, people[0].person_id).await.expect("get").expect("exists");
        assert_eq!(maija.name, "Maija Mallikas");
        assert_eq!(maija.email.as_deref(), Some("maija@hitsaamo.fi"));
        assert_eq!(maija.phone.as_deref(), Some("040 123 4567"));
        let basis = maija.lawful_basis.expect("a lawful basis");
        assert!(basis.starts_with("Tuotu tiedostosta kumppanit.csv "), "{basis}");
        assert!(basis.ends_with("yhteistyösuhde (oikeutettu etu)"), "{basis}");
        let search = organisation::Filter { q: Some("hitsaus forssassa".into()), ..Default::default() };
        assert_eq!(organisation::list(&db, &search, Default::default()).await.expect("search").1, 1, "imported organisations are searchable");
        let history = vaski_store::audit::organisation_history(&db, hitsaamo.id, 10).await.expect("history");
        assert_eq!(history.iter().filter(|e| e.action == "import").count(), 2, "the organisation and its contact");
        assert_eq!(import_entries(&db).await, 1);
        let summary = &vaski_store::audit::recent(&db, 1).await.expect("recent")[0];
        assert_eq!(summary.entity, "import");
        let created = summary.changes.iter().find(|c| c.field == "created").and_then(|c| c.new.clone());
        assert_eq!(created.as_deref(), Some("2"));
        let file = summary.changes.iter().find(|c| c.field == "file").and_then(|c| c.new.clone());
        assert_eq!(file.as_deref(), Some("kumppanit.csv"));
    }

    async fn with_abort_a_refused_row_stops_the_import_and_nothing_is_written(db) {
        let outcome = import::apply(&db, &file_with_a_bad_row(), &options(ImportMode::Create, OnError::Abort), &Actor::system("test")).await.expect("import");
        assert!(outcome.aborted);
        assert!(!outcome.written);
        assert_eq!(outcome.plan.refused.len(), 1);
        let refusal = &outcome.plan.refused[0];
        assert_eq!((refusal.row, refusal.column.as_str(), refusal.reason), (3, "Y-tunnus", "error-business-id-check"));
        assert_eq!(count(&db, "organisations").await, 0);
        assert_eq!(count(&db, "audit_log").await, 0);
    }

    async fn with_skip_the_good_rows_are_written_and_the_bad_one_is_reported(db) {
        let outcome = import::apply(&db, &file_with_a_bad_row(), &options(ImportMode::Create, OnError::Skip), &Actor::system("test")).await.expect("import");
        assert!(outcome.written);
        assert_eq!((outcome.created, outcome.refused_rows), (2, 1));
        assert_eq!(outcome.plan.refused[0].row, 3);
        let (list, _) = organisation::list(&db, &Default::default(), Default::default()).await.expect("list");
        let names: Vec<&str> = list.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, vec!["Forssan Hitsaamo Oy", "Ypäjän Talli"]);
    }

    async fn a_dry_run_plans_but_writes_nothing(db) {
        let mut o = options(ImportMode::Create, OnError::Abort);
        o.dry_run = true;
        let outcome = import::apply(&db, &good_file(), &o, &Actor::system("test")).await.expect("import");
        assert_eq!(outcome.created, 2);
        assert!(!outcome.written);
        assert_eq!(count(&db, "organisations").await, 0);
        assert_eq!(count(&db, "audit_log").await, 0);
    }

    async fn duplicates_inside_the_file_and_against_the_database_are_refused(db) {
        import::apply(&db, &good_file(), &options(ImportMode::Create, OnError::Abort), &Actor::system("test")).await.expect("first import");
        let file = candidates(
            &["Nimi", "Y-tunnus", "Kunta"],
            &[
                &["Hitsaamo", "0112038-9", "Forssa"],
                &["YPÄJÄN TALLI OY", "", "Ypäjä"],
                &["Pelti Oy", "0245458-3", "Loppi"],
                &["Pelti", "245458-3", "Loppi"],
            ],
        );
        let outcome = import::apply(&db, &file, &options(ImportMode::Create, OnError::Skip), &Actor::system("test")).await.expect("second import");
        let reasons: Vec<(usize, &str, &str)> = outcome.plan.refused.iter().map(|r| (r.row, r.column.as_str(), r.reason)).collect();
        assert_eq!(reasons, vec![
            (2, "Y-tunnus", "error-already-exists"),
            (3, "Nimi", "error-already-exists"),
            (5, "Y-tunnus", "error-duplicate-in-file"),
        ]);
        assert_eq!(outcome.plan.refused[2].duplicate_of_row, Some(4));
        assert_eq!(outcome.created, 1);
        assert_eq!(count(&db, "organisations").await, 3);
    }

    async fn reimporting_the_same_file_in_upsert_mode_changes_nothing(db) {
        // Tags in an order other than the stored (alphabetical) one must not count as a change.
        let file = || candidates(
            HEADERS,
            &[
                &["Forssan Hitsaamo Oy", "0112038-9", "Forssa", "25", "metalli, hitsaus", "Maija Mallikas", "maija@hitsaamo.fi", "040 123 4567"],
                &["Ypäjän Talli", "", "Ypäjä", "", "", "Olli Ohjaaja", "", ""],
            ],
        );
        let first = import::apply(&db, &file(), &options(ImportMode::Upsert, OnError::Abort), &Actor::system("test")).await.expect("first");
        assert_eq!(first.created, 2);
        let (audit_before, people_before) = (count(&db, "audit_log").await, count(&db, "people").await);
        let again = import::apply(&db, &file(), &options(ImportMode::Upsert, OnError::Abort), &Actor::system("test")).await.expect("again");
        assert_eq!((again.created, again.updated, again.unchanged, again.refused_rows), (0, 0, 2, 0));
        assert_eq!(count(&db, "audit_log").await, audit_before + 1, "only the import's own summary entry");
        assert_eq!(count(&db, "people").await, people_before);
        assert_eq!(import_entries(&db).await, 2);
    }

    async fn upsert_updates_what_the_file_gives_and_the_known_contact(db) {
        import::apply(&db, &good_file(), &options(ImportMode::Create, OnError::Abort), &Actor::system("test")).await.expect("first");
        let file = candidates(
            &["Nimi", "Y-tunnus", "Kunta", "Osoite", "Yhteyshenkilö", "Sähköposti", "Puhelin"],
            &[
                &["Forssan Hitsaamo Oy", "0112038-9", "", "Teollisuustie 1", "MAIJA MALLIKAS", "maija@hitsaamo.fi", "050 765 4321"],
                &["Ypäjän Talli", "", "Ypäjä", "", "Olli Ohjaaja", "", ""],
            ],
        );
        let outcome = import::apply(&db, &file, &options(ImportMode::Upsert, OnError::Abort), &Actor::system("test")).await.expect("upsert");
        assert_eq!((outcome.created, outcome.updated), (0, 2));
        let (list, _) = organisation::list(&db, &Default::default(), Default::default()).await.expect("list");
        let hitsaamo = organisation::get(&db, list[0].id).await.expect("get").expect("exists");
        assert_eq!(hitsaamo.address.as_deref(), Some("Teollisuustie 1"));
        assert_eq!(hitsaamo.tags, vec!["hitsaus".to_string(), "metalli".to_string()], "an absent column keeps the stored value");
        let people = person::roles_at(&db, hitsaamo.id).await.expect("roles");
        assert_eq!(people.len(), 1, "the known contact is updated, not added again");
        let maija = person::get(&db, people[0].person_id).await.expect("get").expect("exists");
        assert_eq!(maija.phone.as_deref(), Some("050 765 4321"));
        let talli = person::roles_at(&db, list[1].id).await.expect("roles");
        assert_eq!(talli.len(), 1);
        assert_eq!(talli[0].person_name, "Olli Ohjaaja");
        let olli = person::get(&db, talli[0].person_id).await.expect("get").expect("exists");
        assert!(olli.lawful_basis.is_some_and(|b| b.contains("kumppanit.csv")));
    }

    async fn text_with_line_breaks_tabs_and_backslashes_is_stored_as_it_was(db) {
        let notes = "rivi 1\nrivi 2\tsarkain \\N ja \\ kenoviiva\r\nloppu";
        let file = candidates(&["Nimi", "Muistiinpanot", "Osoite"], &[&["Hitsaamo \\ Oy", notes, "\\N"]]);
        import::apply(&db, &file, &options(ImportMode::Create, OnError::Abort), &Actor::system("test")).await.expect("import");
        let (id,): (i64,) = db.fetch_one(sql("SELECT id FROM organisations")).await.expect("id");
        let o = organisation::get(&db, id).await.expect("get").expect("exists");
        assert_eq!(o.name, "Hitsaamo \\ Oy");
        assert_eq!(o.notes.as_deref(), Some(notes));
        assert_eq!(o.address.as_deref(), Some("\\N"), "not taken for NULL");
        assert!(o.industry_code.is_none());
    }

    async fn an_upsert_is_written_and_audited_as_an_edit_would_be(db) {
        import::apply(&db, &good_file(), &options(ImportMode::Create, OnError::Abort), &Actor::system("test")).await.expect("first");
        let file = candidates(
            &["Nimi", "Y-tunnus", "Tunnisteet", "Yhteistyö", "Tila", "Yhteyshenkilö", "Sähköposti"],
            &[&["Forssan Hitsaamo Oy", "0112038-9", "pelti, laser", "oppisopimus", "Lepäävä", "Maija Mallikas", "maija.mallikas@hitsaamo.fi"]],
        );
        let outcome = import::apply(&db, &file, &options(ImportMode::Upsert, OnError::Abort), &Actor::system("test")).await.expect("upsert");
        assert_eq!(outcome.updated, 1);
        let (id,): (i64,) = db.fetch_one(sql("SELECT id FROM organisations WHERE business_id = '0112038-9'")).await.expect("id");
        let o = organisation::get(&db, id).await.expect("get").expect("exists");
        assert_eq!(o.tags, vec!["laser".to_string(), "pelti".to_string()]);
        assert_eq!(o.cooperation.iter().map(|c| c.code()).collect::<Vec<_>>(), vec!["apprenticeship"]);
        assert_eq!(o.status.code(), "dormant");
        assert_eq!(o.municipality_code.as_deref(), Some("061"), "a column the file lacks keeps its value");
        let by_new_tag = organisation::Filter { q: Some("laser".into()), ..Default::default() };
        assert_eq!(organisation::list(&db, &by_new_tag, Default::default()).await.expect("search").1, 1, "the search index follows");
        let by_old_tag = organisation::Filter { q: Some("metalli".into()), ..Default::default() };
        assert_eq!(organisation::list(&db, &by_old_tag, Default::default()).await.expect("search").1, 0);
        let history = vaski_store::audit::organisation_history(&db, id, 10).await.expect("history");
        let update = history.iter().find(|e| e.action == "update" && e.entity == "organisation").expect("an update entry");
        let mut fields: Vec<&str> = update.changes.iter().map(|c| c.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(fields, vec!["cooperation", "status", "tags"]);
        let status = update.changes.iter().find(|c| c.field == "status").expect("status");
        assert_eq!((status.old.as_deref(), status.new.as_deref()), (Some("active"), Some("dormant")));
        let contact = history.iter().find(|e| e.action == "update" && e.entity == "person").expect("a contact update");
        assert_eq!(contact.changes.len(), 1);
        assert_eq!(contact.changes[0].new.as_deref(), Some("maija.mallikas@hitsaamo.fi"));
        let people = person::roles_at(&db, id).await.expect("roles");
        assert_eq!(people.len(), 1, "the contact found by name is updated");
        let maija = person::get(&db, people[0].person_id).await.expect("get").expect("exists");
        assert_eq!(maija.email.as_deref(), Some("maija.mallikas@hitsaamo.fi"));
        assert_eq!(maija.phone.as_deref(), Some("040 123 4567"));
    }

    async fn an_import_whose_transaction_is_dropped_mid_way_writes_nothing(db) {
        // Everything up to the commit has been written in the transaction, then it is dropped,
        // as a crash would.
        {
            let mut tx = db.begin().await.expect("begin");
            let outcome = import::apply_in(&mut tx, &good_file(), &options(ImportMode::Create, OnError::Abort), &Actor::system("test")).await.expect("import");
            assert!(outcome.written);
        }
        assert_eq!(count(&db, "organisations").await, 0);
        assert_eq!(count(&db, "people").await, 0);
        assert_eq!(count(&db, "audit_log").await, 0);
        // An import cut off while its statements run: the future is dropped at a timeout.
        let file = large_file(5_000);
        let cut = tokio::time::timeout(
            std::time::Duration::from_millis(30),
            import::apply(&db, &file, &options(ImportMode::Create, OnError::Abort), &Actor::system("test")),
        )
        .await;
        assert!(cut.is_err(), "the import was stopped before it finished");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert_eq!(count(&db, "organisations").await, 0);
        assert_eq!(count(&db, "people").await, 0);
        // And the database still takes an import afterwards.
        let outcome = import::apply(&db, &file, &options(ImportMode::Create, OnError::Abort), &Actor::system("test")).await.expect("import");
        assert_eq!(outcome.created, 5_000);
        assert_eq!(count(&db, "organisations").await, 5_000);
        assert_eq!(count(&db, "people").await, 5_000);
        assert_eq!(count(&db, "person_roles").await, 5_000);
    }

    async fn two_imports_of_the_same_file_at_once_create_each_organisation_once(db) {
        let file = large_file(500);
        let o = options(ImportMode::Upsert, OnError::Abort);
        let actor = Actor::system("test");
        let (a, b) = tokio::join!(
            import::apply(&db, &file, &o, &actor),
            import::apply(&db, &file, &o, &actor),
        );
        let (a, b) = (a.expect("first"), b.expect("second"));
        assert_eq!(a.created + b.created, 500);
        assert_eq!(a.unchanged + b.unchanged, 500);
        assert_eq!(count(&db, "organisations").await, 500);
    }

    async fn an_upload_is_kept_for_its_user_only_and_removed_after_use(db) {
        let user = staff_user(&db).await;
        import::store_upload(&db, "abc123", user, "kumppanit.xlsx", b"PK\x03\x04".to_vec()).await.expect("store");
        let kept = import::upload(&db, "abc123", user).await.expect("read").expect("kept");
        assert_eq!(kept.file_name, "kumppanit.xlsx");
        assert_eq!(kept.bytes, b"PK\x03\x04".to_vec());
        assert!(import::upload(&db, "abc123", user + 1).await.expect("read").is_none(), "another user's upload is not found");
        import::remove_upload(&db, "abc123", user).await.expect("remove");
        assert!(import::upload(&db, "abc123", user).await.expect("read").is_none());
    }

    async fn the_export_lists_the_filtered_organisations_with_their_first_contact(db) {
        import::apply(&db, &good_file(), &options(ImportMode::Create, OnError::Abort), &Actor::system("test")).await.expect("import");
        let all = import::export(&db, &Default::default()).await.expect("export");
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].name, "Forssan Hitsaamo Oy");
        assert_eq!(all[0].contact.as_ref().map(|c| c.name.as_str()), Some("Maija Mallikas"));
        assert_eq!(all[0].tags, vec!["hitsaus".to_string(), "metalli".to_string()]);
        assert!(all[1].contact.is_none());
        let filter = organisation::Filter { municipality_code: Some("981".into()), ..Default::default() };
        let ypaja = import::export(&db, &filter).await.expect("export");
        assert_eq!(ypaja.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), vec!["Ypäjän Talli"]);
    }
}
