//! Time: instants, the built-in IANA zones, and working calendars.

pub mod calendar;
pub mod zones;
