//! Vaski's web layer: server-rendered pages (askama, Fluent catalogues in Finnish, Swedish and
//! English), the JSON API under `/api/v1`, authentication and access checks.
#![forbid(unsafe_code)]

pub mod admin;
pub mod api;
pub mod auth;
pub mod config;
pub mod error;
pub mod i18n;
pub mod mail;
pub mod network;
pub mod pages;
pub mod sharing;
pub mod state;
pub mod strategy;
pub mod svg;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

pub use config::Config;
pub use state::AppState;
use vaski_store::Db;

const STYLE: &str = include_str!("../static/style.css");
const SCRIPT: &str = include_str!("../static/app.js");

/// The whole application: pages, API, static files and `/healthz`.
pub fn app(db: Db, config: Config) -> Router {
    let limit = config.upload_limit_bytes;
    let state = AppState {
        db,
        config: Arc::new(config),
    };
    let pages = Router::new()
        .route("/", get(pages::home::home))
        .route(
            "/login",
            get(pages::login::login_form).post(pages::login::login),
        )
        .route("/logout", post(pages::login::logout))
        .route("/language/{code}", get(pages::login::switch_language))
        .route(
            "/organisations",
            get(network::organisations::list).post(network::organisations::create),
        )
        .route("/organisations/new", get(network::organisations::new_form))
        .route(
            "/organisations/{id}",
            get(network::organisations::show).post(network::organisations::update),
        )
        .route(
            "/organisations/{id}/edit",
            get(network::organisations::edit_form),
        )
        .route(
            "/organisations/{id}/delete",
            post(network::organisations::delete),
        )
        .route(
            "/organisations/{id}/owners",
            post(network::organisations::set_owners),
        )
        .route(
            "/organisations/{id}/flags",
            post(network::organisations::set_flags),
        )
        .merge(network::people::routes())
        .merge(network::interactions::routes())
        .merge(network::agreements::routes())
        .merge(network::search::routes())
        .merge(network::health::routes())
        .merge(network::map::routes())
        .merge(network::import::routes())
        .merge(network::export::routes())
        .merge(sharing::feeds::routes())
        .merge(sharing::routes())
        .merge(sharing::figures::routes())
        .merge(strategy::routes())
        .merge(admin::routes())
        // A mistyped address gets the not-found page in the user's language, not an empty body.
        .fallback(no_page)
        .layer(axum::middleware::from_fn(pages::render_errors));
    Router::new()
        .merge(pages)
        .nest("/api/v1", api::routes())
        .route("/healthz", get(healthz))
        .route(
            "/static/style.css",
            get(|| async { static_file("text/css; charset=utf-8", STYLE) }),
        )
        .route(
            "/static/app.js",
            get(|| async { static_file("text/javascript; charset=utf-8", SCRIPT) }),
        )
        // Room for the multipart framing around an upload of the configured size.
        .layer(DefaultBodyLimit::max(limit + 64 * 1024))
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(state)
}

async fn no_page() -> error::AppError {
    error::AppError::NotFound
}

fn static_file(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Headers every answer carries: no framing, no sniffing, no referrer leaks, and a content
/// security policy that allows only our own scripts and styles.
async fn security_headers(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"),
    );
    res
}

/// 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Serves the application until Ctrl-C or SIGTERM; requests in flight are finished first.
pub async fn serve(
    db: Db,
    config: Config,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let mail = start_mail(&db, &config)?;
    let notices = sharing::notify::spawn_notice_worker(
        db.clone(),
        sharing::notify::NoticeSettings {
            poll_interval: std::time::Duration::from_secs(5),
            public_url: config
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{addr}")),
            waker: mail.as_ref().map(mail::OutboxWorker::waker),
        },
    );
    on_ready(addr);
    let app = app(db, config);
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await;
    notices.shutdown().await;
    if let Some(worker) = mail {
        worker.shutdown().await;
    }
    served
}

/// Starts sending the outbox when an SMTP server is configured; without one, says once that
/// mails will wait. Settings that cannot work stop the start.
fn start_mail(db: &Db, config: &Config) -> std::io::Result<Option<mail::OutboxWorker>> {
    let Some(smtp) = &config.smtp else {
        tracing::warn!("no SMTP server is configured (--smtp-host): mails wait in the outbox");
        return Ok(None);
    };
    let mailer = mail::Mailer::new(smtp).map_err(std::io::Error::other)?;
    tracing::info!(host = %smtp.host, port = smtp.port, tls = smtp.tls.code(), "mail goes out through SMTP");
    let settings = mail::WorkerSettings {
        retention: time::Duration::days(config.mail_retention_days.max(1)),
        ..mail::WorkerSettings::default()
    };
    Ok(Some(mail::spawn_outbox_worker(
        db.clone(),
        mailer,
        settings,
    )))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
