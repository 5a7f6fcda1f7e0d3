//! The administrator's mail page (`/admin/mail`): failed and given-up mails with the pending
//! count, retry and discard (audited, CSRF-protected), and 403 for everyone but an admin; on
//! SQLite and PostgreSQL. No SMTP server is needed: the failures are made in the store.

mod common;

use common::TestApp;
use time::OffsetDateTime;
use vaski_domain::account::Role;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::outbox::{self, NewMail, MAX_ATTEMPTS};
use vaski_store::sql;

const ADMIN: &str = "admin@lhkk.example";
const STAFF: &str = "tiina@lhkk.example";

fn mail(n: usize, subject: &str) -> NewMail {
    NewMail {
        to: Email::parse(&format!("varaaja{n}@example.fi")).expect("email"),
        to_name: "Päivi Hämäläinen".into(),
        language: Language::Fi,
        subject: subject.into(),
        body: "Varauksesi on vahvistettu.".into(),
        kind: None,
        reference: None,
        dedupe_key: None,
    }
}

async fn queue(app: &TestApp, m: &NewMail) -> i64 {
    let mut tx = app.db.begin().await.expect("begin");
    let id = outbox::enqueue(&mut tx, m)
        .await
        .expect("enqueue")
        .expect("queued");
    tx.commit().await.expect("commit");
    id
}

/// Three mails: one failed once (waiting for a retry), one given up, one simply due.
async fn outbox_with_failures(app: &TestApp) -> (i64, i64, i64) {
    let failed = queue(app, &mail(1, "Varaus vahvistettu: CNC-sorvi")).await;
    let given_up = queue(app, &mail(2, "Varauspyyntö: Hitsaushalli")).await;
    let now = OffsetDateTime::now_utc();
    let claimed = outbox::claim(&app.db, "w1", now, time::Duration::minutes(5), 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 2);
    assert!(
        outbox::mark_failed(&app.db, failed, "w1", now, "421 Service not available")
            .await
            .expect("mark")
    );
    assert!(
        outbox::mark_undeliverable(&app.db, given_up, "w1", now, "550 No such user")
            .await
            .expect("mark")
    );
    let due = queue(app, &mail(3, "Muistutus: Kokoustila")).await;
    (failed, given_up, due)
}

async fn audit_actions(app: &TestApp, id: i64) -> Vec<(String, Option<i64>)> {
    app.db
        .fetch_all(
            sql("SELECT action, actor_id FROM audit_log WHERE entity = 'mail' AND entity_id = $1 ORDER BY id")
                .bind(id),
        )
        .await
        .expect("audit")
}

app_test! {
    async fn the_admin_sees_the_failed_and_given_up_mails_and_the_pending_count(app) {
        app.user(ADMIN, Role::Admin, None).await;
        let (failed, given_up, due) = outbox_with_failures(app).await;
        let admin = app.login(ADMIN).await;
        let (_, home) = app.get_html(&admin, "/").await;
        assert!(home.contains("href=\"/admin/mail\""), "the admin finds the page in the menu");

        let (status, html) = app.get_html(&admin, "/admin/mail").await;
        assert_eq!(status, 200);
        assert!(html.contains("Lähetysjonossa on 3 lähettämätöntä viestiä."), "{html}");
        assert!(html.contains(&format!("id=\"mail-{failed}\"")));
        assert!(html.contains(&format!("id=\"mail-{given_up}\"")));
        assert!(!html.contains(&format!("id=\"mail-{due}\"")), "a mail that has not failed is not listed");
        assert!(html.contains("Päivi Hämäläinen &lt;varaaja1@example.fi&gt;") || html.contains("Päivi Hämäläinen &#60;varaaja1@example.fi&#62;"), "{html}");
        assert!(html.contains("Varaus vahvistettu: CNC-sorvi"));
        assert!(html.contains("421 Service not available"));
        assert!(html.contains("550 No such user"));
        assert!(html.contains("luovuttu, odottaa ylläpitäjää"), "the given-up mail says so");
        assert!(html.contains(&format!("action=\"/admin/mail/{failed}/retry\"")));
        assert!(html.contains(&format!("action=\"/admin/mail/{given_up}/discard\"")));
    }

    async fn the_admin_sends_a_given_up_mail_again_and_discards_another_both_audited(app) {
        let admin_id = app.user(ADMIN, Role::Admin, None).await;
        let (failed, given_up, _) = outbox_with_failures(app).await;
        let admin = app.login(ADMIN).await;
        let csrf = app.csrf(&admin, "/admin/mail").await;

        let res = admin.post(app.url(&format!("/admin/mail/{given_up}/retry"))).form(&[("csrf", csrf.as_str())]).send().await.expect("retry");
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/admin/mail?done=retried");
        let m = outbox::mail_by_id(&app.db, given_up).await.expect("read").expect("mail");
        assert_eq!(m.attempts, 0, "a fresh series of attempts");
        assert!(m.next_attempt_at <= OffsetDateTime::now_utc(), "due at once");
        assert_eq!(audit_actions(app, given_up).await, [("retry".to_string(), Some(admin_id))]);
        let (_, html) = app.get_html(&admin, "/admin/mail?done=retried").await;
        assert!(html.contains("Viesti lähetetään uudelleen heti."));

        let res = admin.post(app.url(&format!("/admin/mail/{failed}/discard"))).form(&[("csrf", csrf.as_str())]).send().await.expect("discard");
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/admin/mail?done=discarded");
        assert_eq!(outbox::mail_by_id(&app.db, failed).await.expect("read"), None);
        assert_eq!(audit_actions(app, failed).await, [("delete".to_string(), Some(admin_id))]);
        assert_eq!(outbox::pending_count(&app.db).await.expect("count"), 2);
    }

    async fn a_retry_or_discard_without_the_csrf_token_is_refused_and_changes_nothing(app) {
        app.user(ADMIN, Role::Admin, None).await;
        let (failed, _, _) = outbox_with_failures(app).await;
        let admin = app.login(ADMIN).await;
        for action in ["retry", "discard"] {
            let res = admin.post(app.url(&format!("/admin/mail/{failed}/{action}"))).form(&[("csrf", "forged")]).send().await.expect("post");
            assert_eq!(res.status(), 403, "{action}");
        }
        let m = outbox::mail_by_id(&app.db, failed).await.expect("read").expect("still there");
        assert_eq!(m.attempts, 1);
        assert!(audit_actions(app, failed).await.is_empty());
    }

    async fn everyone_but_an_admin_is_answered_403(app) {
        app.user(STAFF, Role::Staff, None).await;
        let (failed, given_up, _) = outbox_with_failures(app).await;
        let staff = app.login(STAFF).await;
        let (_, home) = app.get_html(&staff, "/").await;
        assert!(!home.contains("href=\"/admin/mail\""), "no menu entry for staff");
        let (status, _) = app.get_html(&staff, "/admin/mail").await;
        assert_eq!(status, 403);
        let csrf = app.csrf(&staff, "/").await;
        for (id, action) in [(given_up, "retry"), (failed, "discard")] {
            let res = staff.post(app.url(&format!("/admin/mail/{id}/{action}"))).form(&[("csrf", csrf.as_str())]).send().await.expect("post");
            assert_eq!(res.status(), 403, "{action}");
        }
        assert_eq!(outbox::mail_by_id(&app.db, given_up).await.expect("read").expect("mail").attempts, MAX_ATTEMPTS);
        assert!(outbox::mail_by_id(&app.db, failed).await.expect("read").is_some());
        let (status, _) = app.get_html(&app.client(), "/admin/mail").await;
        assert_eq!(status, 303, "an anonymous visitor is sent to log in");
    }
}
