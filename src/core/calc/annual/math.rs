//! The transcendental functions the annual view uses, from `libm` (pure
//! Rust): the same bits natively and in the page. `f64::exp` and friends
//! call the platform's library, whose last bit differs between glibc and
//! the page's, and the page's files must equal the command line's.

pub use libm::{cos, erfc, exp, log as ln, pow, sin};
