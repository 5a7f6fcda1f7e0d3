//! `vaski`: the one binary. Serves the application and does the setup and batch work.
#![forbid(unsafe_code)]

mod bench;
mod demo;
mod interchange;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use std::io::Read;
use std::net::SocketAddr;
use vaski_domain::account::{check_new_password, Role};
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::{Actor, Db};

#[derive(Parser)]
#[command(
    name = "vaski",
    version,
    about = "Vaski: the working-life network of a vocational education provider"
)]
struct Cli {
    /// Database URL: `sqlite:FILE` (default `sqlite:vaski.db`) or `postgres://USER@HOST/DB`.
    #[arg(
        long,
        global = true,
        env = "VASKI_DATABASE_URL",
        default_value = "sqlite:vaski.db"
    )]
    database_url: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the web server (migrating the database first).
    Serve {
        #[arg(long, env = "VASKI_BIND", default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
        /// Loads the demo network first when the database is empty.
        #[arg(long)]
        demo: bool,
        /// Marks cookies Secure (set when served over TLS).
        #[arg(long, env = "VASKI_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Largest accepted upload in megabytes.
        #[arg(long, env = "VASKI_UPLOAD_LIMIT_MB", default_value_t = 20)]
        upload_limit_mb: usize,
        /// Days without an interaction after which an active partner counts as dormant.
        #[arg(long, env = "VASKI_DORMANT_DAYS", default_value_t = 365)]
        dormant_days: i64,
        /// The address people open Vaski at (`https://vaski.example.fi`), for links in mails.
        #[arg(long, env = "VASKI_PUBLIC_URL")]
        public_url: Option<String>,
        /// The most occurrences one recurring booking may expand to.
        #[arg(long, env = "VASKI_MAX_OCCURRENCES", default_value_t = vaski_domain::sharing::recurrence::DEFAULT_MAX_OCCURRENCES)]
        max_occurrences: usize,
        /// Days a sent mail is kept in the outbox before it is purged (unsent mails always stay).
        #[arg(long, env = "VASKI_MAIL_RETENTION_DAYS", default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..))]
        mail_retention_days: i64,
        #[command(flatten)]
        smtp: SmtpArgs,
    },
    /// Brings the database schema up to date.
    Migrate,
    /// Loads the demo network (Forssa region) into an empty database.
    Demo {
        /// The random seed; the same seed gives the same network.
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
    },
    /// Manages users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manages API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Imports data from a spreadsheet.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Exports data to a spreadsheet.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Builds a large network and measures the performance targets.
    Bench(bench::BenchArgs),
    /// Fills a database with resources and bookings and measures the shared-use targets.
    BenchSharing(bench::sharing::SharingArgs),
    /// Fills a large network with shared use and times Suunta's computed indicators.
    BenchStrategy(bench::strategy::StrategyArgs),
}

/// The SMTP server mail goes through. Without `--smtp-host` mails wait in the outbox. The
/// password is read from `VASKI_SMTP_PASSWORD` only, never from the command line.
#[derive(clap::Args)]
struct SmtpArgs {
    /// SMTP server for outgoing mail.
    #[arg(long, env = "VASKI_SMTP_HOST")]
    smtp_host: Option<String>,
    /// SMTP port (default by --smtp-tls: 25 none, 587 starttls, 465 tls).
    #[arg(long, env = "VASKI_SMTP_PORT")]
    smtp_port: Option<u16>,
    /// How the SMTP connection is protected: none, starttls or tls.
    #[arg(long, env = "VASKI_SMTP_TLS", default_value = "starttls")]
    smtp_tls: vaski_web::mail::SmtpTls,
    /// SMTP user name; its password comes from VASKI_SMTP_PASSWORD.
    #[arg(long, env = "VASKI_SMTP_USERNAME")]
    smtp_username: Option<String>,
    /// The sender of Vaski's mail: `vaski@example.fi` or `Vaski <vaski@example.fi>`.
    #[arg(long, env = "VASKI_MAIL_FROM")]
    mail_from: Option<String>,
}

impl SmtpArgs {
    fn into_config(self) -> anyhow::Result<Option<vaski_web::mail::SmtpConfig>> {
        let Some(host) = self.smtp_host else {
            return Ok(None);
        };
        let Some(from) = self.mail_from else {
            bail!("--smtp-host needs --mail-from (VASKI_MAIL_FROM), the sender of Vaski's mail");
        };
        let password = std::env::var("VASKI_SMTP_PASSWORD").ok();
        if self.smtp_username.is_some() && password.is_none() {
            bail!("--smtp-username needs the password in VASKI_SMTP_PASSWORD");
        }
        let config = vaski_web::mail::SmtpConfig {
            port: self.smtp_port.unwrap_or(self.smtp_tls.default_port()),
            host,
            tls: self.smtp_tls,
            username: self.smtp_username,
            password,
            from,
            timeout: vaski_web::mail::SmtpConfig::DEFAULT_TIMEOUT,
        };
        // Settings that cannot work are said before anything starts.
        vaski_web::mail::Mailer::new(&config)?;
        Ok(Some(config))
    }
}

#[derive(Subcommand)]
enum UserCommand {
    /// Adds a user; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["admin", "staff", "partner", "viewer"])]
        role: String,
        /// The organisation a partner user represents.
        #[arg(long)]
        organisation: Option<i64>,
        /// Reads the password from standard input (required: passwords never go on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        #[arg(long, default_value = "fi", value_parser = ["fi", "sv", "en"])]
        language: String,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Creates an API token for a user and prints it (it is shown only once).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "cli")]
        label: String,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Imports organisations (and their contact people) from CSV or XLSX.
    Organisations(interchange::ImportArgs),
}

#[derive(Subcommand)]
enum ExportWhat {
    /// Exports organisations to CSV or XLSX.
    Organisations(interchange::ExportArgs),
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("VASKI_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // One line: what failed and why.
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("vaski: {}", chain.join(": "));
            std::process::ExitCode::FAILURE
        }
    }
}

async fn connect(url: &str) -> anyhow::Result<Db> {
    let db = Db::connect(url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(url)))?;
    db.migrate().await.context("cannot migrate the database")?;
    Ok(db)
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            bind,
            demo,
            secure_cookies,
            upload_limit_mb,
            dormant_days,
            public_url,
            max_occurrences,
            mail_retention_days,
            smtp,
        } => {
            let smtp = smtp.into_config()?;
            let db = connect(&cli.database_url).await?;
            if demo && demo::is_empty(&db).await? {
                let summary = demo::load(&db, demo::DEFAULT_SEED).await?;
                summary.print();
            }
            let config = vaski_web::Config {
                bind,
                secure_cookies,
                upload_limit_bytes: upload_limit_mb * 1024 * 1024,
                dormant_days,
                public_url,
                smtp,
                max_occurrences,
                mail_retention_days,
                ..Default::default()
            };
            vaski_web::serve(db, config, |addr| {
                println!("Vaski is running at http://{addr}/");
                if demo {
                    println!("Demo login: {} / {}", demo::DEMO_EMAIL, demo::DEMO_PASSWORD);
                }
            })
            .await
            .with_context(|| format!("cannot serve on {bind}"))?;
            Ok(())
        }
        Command::Migrate => {
            connect(&cli.database_url).await?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::Demo { seed } => {
            let db = connect(&cli.database_url).await?;
            if !demo::is_empty(&db).await? {
                bail!("the database already holds data; the demo network is loaded only into an empty database");
            }
            demo::load(&db, seed).await?.print();
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    role,
                    organisation,
                    password_stdin: _,
                    language,
                },
        } => {
            let email = Email::parse(&email)
                .map_err(|_| anyhow::anyhow!("'{email}' is not a valid email address"))?;
            let role = Role::parse(&role).map_err(|_| anyhow::anyhow!("unknown role {role}"))?;
            if role == Role::Partner && organisation.is_none() {
                bail!("a partner user needs --organisation ID");
            }
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .context("cannot read the password from standard input")?;
            let password = password.trim_end_matches(['\n', '\r']);
            check_new_password(password).map_err(|_| {
                anyhow::anyhow!(
                    "the password must be at least {} characters",
                    vaski_domain::account::MIN_PASSWORD_CHARS
                )
            })?;
            let hash = vaski_web::auth::password::hash(password)
                .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?;
            let db = connect(&cli.database_url).await?;
            if let Some(org) = organisation {
                if vaski_store::network::organisation::get(&db, org)
                    .await?
                    .is_none()
                {
                    bail!("there is no organisation with id {org}");
                }
            }
            if account::user_by_email(&db, email.as_str()).await?.is_some() {
                bail!("a user with the email {email} exists already");
            }
            let new = NewUser {
                email: &email,
                name: name.trim(),
                role,
                organisation_id: organisation,
                password_hash: Some(&hash),
                language: Language::parse(&language).unwrap_or_default(),
            };
            let id = account::create_user(&db, new, &Actor::system("cli")).await?;
            println!("Created user {id} <{email}> with the role {}.", role.code());
            Ok(())
        }
        Command::Token {
            command: TokenCommand::Create { email, label },
        } => {
            let db = connect(&cli.database_url).await?;
            let user = account::user_by_email(&db, &email)
                .await?
                .with_context(|| format!("there is no user with the email {email}"))?;
            let token = vaski_web::auth::token::new_api_token();
            let hash = vaski_web::auth::token::hash_secret(&token);
            account::create_api_token(&db, user.id, &hash, &label, &Actor::system("cli")).await?;
            println!("{token}");
            Ok(())
        }
        Command::Import {
            what: ImportWhat::Organisations(args),
        } => {
            let db = connect(&cli.database_url).await?;
            interchange::import_organisations(&db, args).await
        }
        Command::Export {
            what: ExportWhat::Organisations(args),
        } => {
            let db = connect(&cli.database_url).await?;
            interchange::export_organisations(&db, args).await
        }
        Command::Bench(args) => bench::run(args).await,
        Command::BenchSharing(args) => bench::sharing::run(args).await,
        Command::BenchStrategy(args) => bench::strategy::run(args).await,
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn a_password_in_the_database_url_is_not_printed() {
        assert_eq!(
            redact("postgres://vaski:secret@db.example/vaski"),
            "postgres://vaski:***@db.example/vaski"
        );
        assert_eq!(redact("sqlite:vaski.db"), "sqlite:vaski.db");
    }
}
