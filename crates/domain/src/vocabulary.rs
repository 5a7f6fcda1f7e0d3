//! Closed vocabularies: enumerations whose every value has one stable snake_case code, used in
//! the database, in JSON and as the suffix of its message-catalogue key.

/// Declares a vocabulary: the enum, `ALL`, `code()`, `message_key()`, `parse()` and `Display`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $prefix:literal, $error:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code used in the database and in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The message-catalogue key of the value's name.
            pub fn message_key(self) -> &'static str {
                match self { $($name::$variant => concat!($prefix, "-", $code)),+ }
            }

            pub fn parse(s: &str) -> Result<$name, Invalid> {
                match s.trim() { $($code => Ok($name::$variant),)+ _ => Err($crate::text::Invalid::new($error)) }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub(crate) use vocabulary;
