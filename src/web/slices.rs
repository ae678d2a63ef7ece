//! Long work cut into slices: the page gets its turn between them, so no
//! task is long (a large organisation's report, the loss curve).

/// How long a slice may run before the page gets its turn (a long task is
/// one over 50 ms).
pub const SLICE_MS: f64 = 30.0;

/// The clock of one piece of work done in slices.
pub struct Slices {
    slice_started: f64,
    busy_ms: f64,
    /// When [`turn`](Self::turn) was last asked, and the longest piece of
    /// work between two asks: a slice ends before the next piece would
    /// carry it past [`SLICE_MS`], not after.
    last_turn: f64,
    longest_piece: f64,
}

impl Slices {
    /// Work whose first slice began at `started` (a `performance.now()`).
    pub fn since(started: f64) -> Slices {
        Slices { slice_started: started, busy_ms: 0.0, last_turn: started, longest_piece: 0.0 }
    }

    /// Lets the page run if the next piece, as long as the longest so far,
    /// would overrun this slice; `None` when, after that, the work is no
    /// longer `current` (a newer edit, the view gone).
    pub async fn turn(&mut self, current: &impl Fn() -> bool) -> Option<()> {
        let now = now_ms();
        self.longest_piece = self.longest_piece.max(now - self.last_turn);
        self.last_turn = now;
        if now - self.slice_started + self.longest_piece <= SLICE_MS {
            return Some(());
        }
        self.yield_now(current).await
    }

    /// Lets the page run now, before other work (a render, so it has a task
    /// of its own; a piece longer than those before): the pieces' lengths
    /// are learnt again. `None` as for [`turn`](Self::turn).
    pub async fn pass(&mut self, current: &impl Fn() -> bool) -> Option<()> {
        self.longest_piece = 0.0;
        self.yield_now(current).await
    }

    async fn yield_now(&mut self, current: &impl Fn() -> bool) -> Option<()> {
        self.busy_ms += now_ms() - self.slice_started;
        next_task().await;
        self.slice_started = now_ms();
        self.last_turn = self.slice_started;
        current().then_some(())
    }

    /// The time spent working so far, in milliseconds (not the waits).
    pub fn busy_ms(&self) -> f64 {
        self.busy_ms + now_ms() - self.slice_started
    }
}

/// Resumes in a task of its own, after the tasks already queued (input,
/// rendering): a message posted to ourselves. A zero timeout would do the
/// same, but timeouts set from timeouts wait at least 4 ms after the fifth,
/// and a slice's work sets them one from another.
async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return gloo_timers::future::TimeoutFuture::new(0).await;
    };
    let arrived = js_sys::Promise::new(&mut |resolve, _| channel.port1().set_onmessage(Some(&resolve)));
    match channel.port2().post_message(&wasm_bindgen::JsValue::NULL) {
        Ok(()) => drop(wasm_bindgen_futures::JsFuture::from(arrived).await),
        Err(_) => gloo_timers::future::TimeoutFuture::new(0).await,
    }
    channel.port1().set_onmessage(None);
}

pub fn now_ms() -> f64 {
    leptos::prelude::window().performance().map(|p| p.now()).unwrap_or(0.0)
}
