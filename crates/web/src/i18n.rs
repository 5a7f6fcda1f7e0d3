//! Message catalogues (Fluent) in Finnish, Swedish and English. Every text a user reads comes
//! from `crates/web/locales/<lang>/*.ftl`; a missing message shows its key, and a test keeps
//! the three languages' keys the same.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::{Arc, OnceLock};
use vaski_domain::Language;

macro_rules! catalogue {
    ($lang:literal: $($file:literal),+) => {
        &[$(($file, include_str!(concat!("../locales/", $lang, "/", $file, ".ftl")))),+]
    };
}

/// The catalogue files of each language; each module of the product has its own file.
const FI: &[(&str, &str)] = catalogue!("fi": "core", "network", "import", "health", "api", "feeds", "sharing_api", "sharing", "sharing_figures", "strategy", "sharing_places", "sharing_series", "mail_admin", "workshops", "strategy_edit", "strategy_api");
const SV: &[(&str, &str)] = catalogue!("sv": "core", "network", "import", "health", "api", "feeds", "sharing_api", "sharing", "sharing_figures", "strategy", "sharing_places", "sharing_series", "mail_admin", "workshops", "strategy_edit", "strategy_api");
const EN: &[(&str, &str)] = catalogue!("en": "core", "network", "import", "health", "api", "feeds", "sharing_api", "sharing", "sharing_figures", "strategy", "sharing_places", "sharing_series", "mail_admin", "workshops", "strategy_edit", "strategy_api");

pub struct Catalogues {
    fi: FluentBundle<FluentResource>,
    sv: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(lang: Language, files: &[(&str, &str)]) -> FluentBundle<FluentResource> {
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for (name, text) in files {
        let resource =
            FluentResource::try_new((*text).to_string()).unwrap_or_else(|(partial, errors)| {
                tracing::error!(
                    file = name,
                    lang = lang.code(),
                    ?errors,
                    "message catalogue has syntax errors"
                );
                partial
            });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                file = name,
                lang = lang.code(),
                ?errors,
                "message catalogue repeats keys"
            );
        }
    }
    bundle
}

/// The catalogues, parsed once.
pub fn catalogues() -> &'static Catalogues {
    static C: OnceLock<Catalogues> = OnceLock::new();
    C.get_or_init(|| Catalogues {
        fi: bundle(Language::Fi, FI),
        sv: bundle(Language::Sv, SV),
        en: bundle(Language::En, EN),
    })
}

impl Catalogues {
    fn bundle(&self, lang: Language) -> &FluentBundle<FluentResource> {
        match lang {
            Language::Fi => &self.fi,
            Language::Sv => &self.sv,
            Language::En => &self.en,
        }
    }

    /// The message in the language, falling back to Finnish and then to the key itself.
    pub fn message(&self, lang: Language, key: &str, args: Option<&FluentArgs>) -> String {
        for l in [lang, Language::Fi] {
            let bundle = self.bundle(l);
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        key.to_string()
    }
}

/// The translator handed to templates: `{{ t.t("nav-home") }}`.
#[derive(Clone)]
pub struct Tr {
    pub lang: Language,
}

impl Tr {
    pub fn new(lang: Language) -> Tr {
        Tr { lang }
    }

    pub fn t(&self, key: &str) -> String {
        catalogues().message(self.lang, key, None)
    }

    /// A message with one named argument.
    /// A message with named arguments.
    pub fn with_args(&self, key: &str, args: &FluentArgs) -> String {
        catalogues().message(self.lang, key, Some(args))
    }

    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), FluentValue::from(value.to_string()));
        catalogues().message(self.lang, key, Some(&args))
    }

    /// A message with a number argument, for plural forms.
    pub fn n(&self, key: &str, count: impl std::borrow::Borrow<i64>) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(*count.borrow()));
        catalogues().message(self.lang, key, Some(&args))
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// A date the way the language writes it: 31.3.2025 in Finnish and Swedish, 2025-03-31 in English.
    pub fn date(&self, d: &time::Date) -> String {
        match self.lang {
            Language::En => d.to_string(),
            _ => format!("{}.{}.{}", d.day(), u8::from(d.month()), d.year()),
        }
    }

    pub fn opt_date(&self, d: &Option<time::Date>) -> String {
        d.as_ref().map(|d| self.date(d)).unwrap_or_default()
    }
}

/// Shared handle, for places that want an `Arc`.
pub type SharedTr = Arc<Tr>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(files: &[(&str, &str)]) -> BTreeSet<String> {
        files
            .iter()
            .flat_map(|(_, text)| text.lines())
            .filter_map(|l| {
                let l = l.trim_end();
                let (k, _) = l.split_once('=')?;
                let k = k.trim();
                (!k.is_empty() && !l.starts_with(' ') && !l.starts_with('#') && !k.starts_with('.'))
                    .then(|| k.to_string())
            })
            .collect()
    }

    #[test]
    fn swedish_and_english_have_every_finnish_message_and_no_other() {
        let fi = keys(FI);
        assert_eq!(
            fi.difference(&keys(SV)).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in sv"
        );
        assert_eq!(
            fi.difference(&keys(EN)).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in en"
        );
        assert_eq!(
            keys(SV).difference(&fi).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "extra in sv"
        );
        assert_eq!(
            keys(EN).difference(&fi).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "extra in en"
        );
    }

    #[test]
    fn no_message_is_defined_in_two_files() {
        for files in [FI, SV, EN] {
            let mut seen: std::collections::BTreeMap<String, &str> = Default::default();
            for (name, text) in files {
                for key in keys(&[(name, text)]) {
                    if let Some(first) = seen.insert(key.clone(), name) {
                        panic!("{key} is in both {first}.ftl and {name}.ftl: the first one wins");
                    }
                }
            }
        }
    }

    #[test]
    fn every_catalogue_parses_without_errors() {
        for files in [FI, SV, EN] {
            for (name, text) in files {
                assert!(
                    FluentResource::try_new((*text).to_string()).is_ok(),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn a_message_is_given_in_the_asked_language() {
        assert_eq!(
            Tr::new(Language::Fi).t("nav-organisations"),
            "Organisaatiot"
        );
        assert_eq!(
            Tr::new(Language::Sv).t("nav-organisations"),
            "Organisationer"
        );
        assert_eq!(
            Tr::new(Language::En).t("nav-organisations"),
            "Organisations"
        );
    }
}
