//! Reference data that ships with Vaski: Finnish municipalities (2025) and TOL 2008 industries.
//! The files and their sources are in `crates/domain/data/` (see `SOURCES.md` there).

pub mod industry;
pub mod municipality;

pub use industry::Industry;
pub use municipality::Municipality;
