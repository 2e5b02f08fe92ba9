//! Loop tests with a recording host.

use super::*;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Ev {
    Timer(TimerId),
    Pending(u64),
    Idle(HandleId),
    Prepare(HandleId),
    Io(Token, Readiness),
    Work(ReqId, Result<u32, String>),
    Check(HandleId),
    Close(HandleId),
}

type Hook = Box<dyn FnMut(&Loop, &Ev)>;

/// Records every callback, then runs an optional hook so tests can react.
#[derive(Default)]
struct Rec {
    events: Vec<Ev>,
    hook: Option<Hook>,
}

impl Rec {
    fn with_hook(hook: impl FnMut(&Loop, &Ev) + 'static) -> Rec {
        Rec { events: Vec::new(), hook: Some(Box::new(hook)) }
    }

    fn push(&mut self, lp: &Loop, ev: Ev) {
        if let Some(hook) = self.hook.as_mut() {
            hook(lp, &ev);
        }
        self.events.push(ev);
    }
}

impl Host for Rec {
    fn on_timer(&mut self, lp: &Loop, id: TimerId) {
        self.push(lp, Ev::Timer(id));
    }
    fn on_pending(&mut self, lp: &Loop, id: u64) {
        self.push(lp, Ev::Pending(id));
    }
    fn on_idle(&mut self, lp: &Loop, h: HandleId) {
        self.push(lp, Ev::Idle(h));
    }
    fn on_prepare(&mut self, lp: &Loop, h: HandleId) {
        self.push(lp, Ev::Prepare(h));
    }
    fn on_io(&mut self, lp: &Loop, token: Token, r: Readiness) {
        self.push(lp, Ev::Io(token, r));
    }
    fn on_work_done(&mut self, lp: &Loop, req: ReqId, result: Result<WorkResult, JobPanic>) {
        let result = match result {
            Ok(value) => Ok(*value.downcast::<u32>().expect("u32 result")),
            Err(JobPanic(msg)) => Err(msg),
        };
        self.push(lp, Ev::Work(req, result));
    }
    fn on_check(&mut self, lp: &Loop, h: HandleId) {
        self.push(lp, Ev::Check(h));
    }
    fn on_close(&mut self, lp: &Loop, h: HandleId) {
        self.push(lp, Ev::Close(h));
    }
}

fn new_loop() -> Loop {
    Loop::new(ThreadPool::new(2)).expect("loop")
}

#[test]
fn empty_loop_is_not_alive_and_returns() {
    let lp = new_loop();
    assert!(!lp.alive());
    assert!(!lp.run(&mut Rec::default(), RunMode::Default));
    assert!(!lp.run(&mut Rec::default(), RunMode::Once));
}

#[test]
fn phases_run_in_libuv_order() {
    let lp = new_loop();
    let timer = lp.add_timer(0, true);
    lp.queue_pending(7);
    let idle = lp.add_idle();
    let prepare = lp.add_prepare();
    let check = lp.add_check();
    let closed = lp.add_check();
    for h in [idle, prepare, check] {
        lp.start_handle(h);
    }
    lp.close_handle(closed);
    let req = lp.submit_work(|| Box::new(5u32) as WorkResult);
    // Let the job finish so its completion is waiting before the first poll.
    std::thread::sleep(Duration::from_millis(100));
    // Each watcher stops itself after its first call, so one turn is recorded.
    let mut rec = Rec::with_hook(|lp, ev| match *ev {
        Ev::Idle(h) | Ev::Prepare(h) | Ev::Check(h) => lp.stop_handle(h),
        _ => {}
    });
    assert!(!lp.run(&mut rec, RunMode::Default));
    assert_eq!(
        rec.events,
        vec![
            Ev::Timer(timer),
            Ev::Pending(7),
            Ev::Idle(idle),
            Ev::Prepare(prepare),
            Ev::Work(req, Ok(5)),
            Ev::Check(check),
            Ev::Close(closed),
        ]
    );
}

#[test]
fn equal_deadlines_fire_in_insertion_order() {
    let lp = new_loop();
    let a = lp.add_timer(20, true);
    let b = lp.add_timer(0, true);
    let c = lp.add_timer(20, true);
    let d = lp.add_timer(0, false);
    let e = lp.add_timer(20, true);
    let f = lp.add_timer(10, true);
    let mut rec = Rec::default();
    lp.run(&mut rec, RunMode::Default);
    assert_eq!(rec.events, [b, d, f, a, c, e].map(Ev::Timer).to_vec());
}

#[test]
fn timers_wait_for_their_deadline() {
    let lp = new_loop();
    let start = Instant::now();
    let t = lp.add_timer(50, true);
    let mut rec = Rec::default();
    assert!(!lp.run(&mut rec, RunMode::Default));
    assert_eq!(rec.events, vec![Ev::Timer(t)]);
    assert!(start.elapsed() >= Duration::from_millis(49));
    assert!(lp.now() >= 50);
}

#[test]
fn unrefed_timer_does_not_keep_loop_alive() {
    let lp = new_loop();
    let t = lp.add_timer(5_000, false);
    assert!(!lp.alive());
    assert!(!lp.timer_refed(t));
    let start = Instant::now();
    let mut rec = Rec::default();
    assert!(!lp.run(&mut rec, RunMode::Default));
    assert!(rec.events.is_empty());
    assert!(start.elapsed() < Duration::from_secs(1));
    // Ref'ing it again makes the loop alive; cancelling releases it.
    lp.set_timer_ref(t, true);
    assert!(lp.alive() && lp.timer_refed(t));
    assert!(lp.cancel_timer(t));
    assert!(!lp.cancel_timer(t));
    assert!(!lp.alive());
}

#[test]
fn unrefed_timer_still_fires_while_loop_is_alive() {
    let lp = new_loop();
    let weak = lp.add_timer(10, false);
    let strong = lp.add_timer(40, true);
    let mut rec = Rec::default();
    lp.run(&mut rec, RunMode::Default);
    assert_eq!(rec.events, vec![Ev::Timer(weak), Ev::Timer(strong)]);
}

#[test]
fn cancelled_timer_in_same_pass_does_not_fire() {
    let lp = new_loop();
    let a = lp.add_timer(0, true);
    let b = lp.add_timer(0, true);
    let mut rec = Rec::with_hook(move |lp, ev| {
        if *ev == Ev::Timer(a) {
            assert!(lp.cancel_timer(b), "b is expired but not yet run");
        }
    });
    lp.run(&mut rec, RunMode::Default);
    assert_eq!(rec.events, vec![Ev::Timer(a)]);
}

#[test]
fn timer_added_in_timer_callback_runs_next_iteration() {
    let lp = new_loop();
    let prepare = lp.add_prepare();
    lp.start_handle(prepare);
    lp.unref_handle(prepare);
    let first = lp.add_timer(0, true);
    let added = std::rc::Rc::new(Cell::new(0));
    let added_in_hook = added.clone();
    let mut rec = Rec::with_hook(move |lp, ev| {
        if *ev == Ev::Timer(first) {
            added_in_hook.set(lp.add_timer(0, true));
        }
    });
    lp.run(&mut rec, RunMode::Default);
    let second = added.get();
    // A prepare phase (the next iteration) separates the two timers.
    assert_eq!(rec.events[..3], [Ev::Timer(first), Ev::Prepare(prepare), Ev::Timer(second)]);
}

#[test]
fn once_mode_runs_timers_after_poll() {
    let lp = new_loop();
    let t = lp.add_timer(30, true);
    let mut rec = Rec::default();
    // Once blocks in poll until the timer is due, then runs it.
    assert!(!lp.run(&mut rec, RunMode::Once));
    assert_eq!(rec.events, vec![Ev::Timer(t)]);
}

#[test]
fn nowait_does_not_block() {
    let lp = new_loop();
    let t = lp.add_timer(1_000, true);
    let start = Instant::now();
    let mut rec = Rec::default();
    assert!(lp.run(&mut rec, RunMode::NoWait));
    assert!(rec.events.is_empty());
    assert!(start.elapsed() < Duration::from_millis(500));
    assert!(lp.cancel_timer(t));
}

#[test]
fn pool_completion_wakes_blocked_poll() {
    let lp = new_loop();
    let req = lp.submit_work(|| {
        std::thread::sleep(Duration::from_millis(100));
        Box::new(42u32) as WorkResult
    });
    assert!(lp.alive(), "outstanding work keeps the loop alive");
    let start = Instant::now();
    let mut rec = Rec::default();
    // No timers, no idle: this poll blocks until the waker fires.
    assert!(!lp.run(&mut rec, RunMode::Once));
    assert_eq!(rec.events, vec![Ev::Work(req, Ok(42))]);
    assert!(start.elapsed() >= Duration::from_millis(90));
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn many_completions_and_panics_are_all_delivered() {
    let lp = new_loop();
    let mut reqs: Vec<ReqId> = (0..50u32).map(|i| lp.submit_work(move || Box::new(i) as WorkResult)).collect();
    let bad = lp.submit_work(|| panic!("job failed"));
    reqs.push(bad);
    let mut rec = Rec::default();
    assert!(!lp.run(&mut rec, RunMode::Default));
    assert_eq!(rec.events.len(), 51);
    let mut seen: Vec<ReqId> = rec
        .events
        .iter()
        .map(|ev| match ev {
            Ev::Work(req, Err(msg)) => {
                assert_eq!((*req, msg.as_str()), (bad, "job failed"));
                *req
            }
            Ev::Work(req, Ok(v)) => {
                assert_eq!(reqs[*v as usize], *req);
                *req
            }
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, reqs);
    assert_eq!(lp.pool_size(), 2);
}

#[test]
fn check_started_in_check_runs_next_turn() {
    let lp = new_loop();
    // An active idle handle keeps poll from blocking (what Node does for
    // setImmediate); the prepare handle marks each new iteration.
    let idle = lp.add_idle();
    lp.start_handle(idle);
    let prepare = lp.add_prepare();
    lp.start_handle(prepare);
    let first = lp.add_check();
    lp.start_handle(first);
    let second = std::rc::Rc::new(Cell::new(0));
    let second_in_hook = second.clone();
    let mut rec = Rec::with_hook(move |lp, ev| match *ev {
        Ev::Check(h) if h == first => {
            lp.stop_handle(first);
            let next = lp.add_check();
            lp.start_handle(next);
            second_in_hook.set(next);
            lp.queue_pending(99);
        }
        Ev::Check(h) => {
            // Done: stop everything so the loop ends.
            lp.stop_handle(h);
            lp.stop_handle(idle);
            lp.stop_handle(prepare);
        }
        _ => {}
    });
    assert!(!lp.run(&mut rec, RunMode::Default));
    let second = second.get();
    let interesting: Vec<Ev> = rec.events.into_iter().filter(|ev| !matches!(ev, Ev::Idle(_))).collect();
    assert_eq!(
        interesting,
        vec![Ev::Prepare(prepare), Ev::Check(first), Ev::Pending(99), Ev::Prepare(prepare), Ev::Check(second),]
    );
}

#[test]
fn stopped_watcher_does_not_run_later_in_same_phase() {
    let lp = new_loop();
    let a = lp.add_check();
    let b = lp.add_check();
    lp.start_handle(a);
    lp.start_handle(b);
    let idle = lp.add_idle();
    lp.start_handle(idle);
    let mut rec = Rec::with_hook(move |lp, ev| match *ev {
        Ev::Check(h) if h == a => {
            // Stop and restart b: it must wait for the next turn.
            lp.stop_handle(b);
            lp.start_handle(b);
            lp.stop_handle(a);
        }
        Ev::Check(h) if h == b => {
            lp.stop_handle(b);
            lp.stop_handle(idle);
        }
        _ => {}
    });
    lp.run(&mut rec, RunMode::Default);
    let checks: Vec<Ev> = rec.events.into_iter().filter(|e| !matches!(e, Ev::Idle(_))).collect();
    assert_eq!(checks, vec![Ev::Check(a), Ev::Check(b)]);
}

#[test]
fn closing_handles_run_close_callbacks() {
    let lp = new_loop();
    let check = lp.add_check();
    lp.start_handle(check);
    lp.unref_handle(check);
    let other = lp.add_handle();
    lp.start_handle(other);
    assert!(lp.alive() && lp.is_active(other));
    lp.close_handle(check);
    lp.close_handle(other);
    lp.close_handle(other); // second close is ignored
    assert!(lp.is_closing(other) && !lp.is_active(other));
    assert!(lp.alive(), "closing handles keep the loop alive");
    let later = lp.add_idle();
    let mut rec = Rec::with_hook(move |lp, ev| {
        if *ev == Ev::Close(other) {
            // Closed from a close callback: runs in the next closing phase.
            lp.close_handle(later);
        }
    });
    assert!(!lp.run(&mut rec, RunMode::Default));
    // Most recently closed first, as libuv does.
    assert_eq!(rec.events, vec![Ev::Close(other), Ev::Close(check), Ev::Close(later)]);
    assert!(!lp.has_ref(check) && lp.is_closing(check));
}

#[test]
fn handle_ref_semantics() {
    let lp = new_loop();
    let h = lp.add_handle();
    assert!(lp.has_ref(h) && !lp.alive(), "inactive handles do not count");
    lp.start_handle(h);
    assert!(lp.alive());
    lp.unref_handle(h);
    assert!(!lp.has_ref(h) && !lp.alive());
    lp.ref_handle(h);
    assert!(lp.alive());
    lp.stop_handle(h);
    assert!(!lp.alive());
}

#[test]
fn requests_and_pending_keep_loop_alive() {
    let lp = new_loop();
    lp.ref_request();
    assert!(lp.alive());
    lp.unref_request();
    assert!(!lp.alive());
    lp.unref_request(); // unmatched: warned and ignored
    assert!(!lp.alive());
    lp.queue_pending(1);
    assert!(lp.alive());
    let mut rec = Rec::default();
    assert!(!lp.run(&mut rec, RunMode::NoWait));
    assert_eq!(rec.events, vec![Ev::Pending(1)]);
}

#[test]
fn stop_returns_after_current_iteration() {
    let lp = new_loop();
    let first = lp.add_timer(0, true);
    let later = lp.add_timer(200, true);
    let check = lp.add_check();
    lp.start_handle(check);
    lp.unref_handle(check);
    // Keeps poll from blocking until `later` (without keeping the loop alive).
    let idle = lp.add_idle();
    lp.start_handle(idle);
    lp.unref_handle(idle);
    let mut rec = Rec::with_hook(move |lp, ev| {
        if *ev == Ev::Timer(first) {
            lp.stop();
        }
    });
    // Stopped by the timer before the first iteration: nothing else runs.
    assert!(lp.run(&mut rec, RunMode::Default));
    assert_eq!(rec.events, vec![Ev::Timer(first)]);
    // The flag is reset: the next run goes on until the loop is empty.
    rec.hook = Some(Box::new(move |lp, ev| {
        if *ev == Ev::Check(check) {
            lp.stop();
        }
    }));
    rec.events.clear();
    assert!(lp.run(&mut rec, RunMode::Default), "stopped after one turn");
    assert_eq!(rec.events, vec![Ev::Idle(idle), Ev::Check(check)]);
    rec.hook = None;
    rec.events.clear();
    lp.stop_handle(check);
    lp.stop_handle(idle);
    assert!(!lp.run(&mut rec, RunMode::Default));
    assert_eq!(rec.events, vec![Ev::Timer(later)]);
}

#[test]
fn io_readiness_on_tcp() {
    let lp = new_loop();
    let addr: std::net::SocketAddr = "127.0.0.1:0".parse().expect("addr");
    let mut listener = mio::net::TcpListener::bind(addr).expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let (lh, ltoken) = lp.register_io(&mut listener, Interest::READABLE).expect("register");
    assert_eq!(token_of(lh), ltoken);
    assert!(lp.alive(), "a registered source is an active handle");

    let mut client = std::net::TcpStream::connect(addr).expect("connect");
    let mut rec = Rec::default();
    assert!(lp.run(&mut rec, RunMode::Once));
    assert!(matches!(rec.events[..], [Ev::Io(t, r)] if t == ltoken && r.readable));

    let (mut server, _) = listener.accept().expect("accept");
    let (sh, stoken) = lp.register_io(&mut server, Interest::READABLE).expect("register");
    // The listener stays registered but no longer keeps the loop alive.
    lp.unref_handle(lh);
    client.write_all(b"hello").expect("write");
    rec.events.clear();
    assert!(lp.run(&mut rec, RunMode::Once));
    assert!(matches!(rec.events[..], [Ev::Io(t, r)] if t == stoken && r.readable));
    let mut buf = [0u8; 16];
    let n = server.read(&mut buf).expect("read");
    assert_eq!(&buf[..n], b"hello");

    // Peer close shows up as readable + hup.
    drop(client);
    rec.events.clear();
    assert!(lp.run(&mut rec, RunMode::Once));
    assert!(matches!(rec.events[..], [Ev::Io(t, r)] if t == stoken && r.readable && r.hup));

    lp.deregister_io(&mut server, sh).expect("deregister");
    assert!(!lp.alive(), "deregistered and unref'd handles do not count");
    lp.close_handle(sh);
    lp.deregister_io(&mut listener, lh).expect("deregister");
    lp.close_handle(lh);
    rec.events.clear();
    assert!(!lp.run(&mut rec, RunMode::Default));
    assert_eq!(rec.events, vec![Ev::Close(lh), Ev::Close(sh)]);
}

#[test]
fn writable_interest_and_reregister() {
    let lp = new_loop();
    let addr: std::net::SocketAddr = "127.0.0.1:0".parse().expect("addr");
    let listener = std::net::TcpListener::bind(addr).expect("bind");
    let mut stream = mio::net::TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
    let (h, token) = lp.register_io(&mut stream, Interest::READABLE).expect("register");
    let (mut peer, _) = listener.accept().expect("accept");
    lp.reregister_io(&mut stream, h, Interest::READABLE | Interest::WRITABLE).expect("reregister");
    let mut rec = Rec::default();
    lp.run(&mut rec, RunMode::Once);
    assert!(rec.events.iter().any(|ev| matches!(ev, Ev::Io(t, r) if *t == token && r.writable)));
    // Data from the peer while both interests are set: readable too.
    peer.write_all(b"x").expect("write");
    rec.events.clear();
    lp.run(&mut rec, RunMode::Once);
    assert!(rec.events.iter().any(|ev| matches!(ev, Ev::Io(t, r) if *t == token && r.readable)));
    lp.deregister_io(&mut stream, h).expect("deregister");
    lp.close_handle(h);
    assert!(!lp.run(&mut Rec::default(), RunMode::Default));
}

#[test]
fn close_during_poll_drops_later_events_of_that_handle() {
    let lp = new_loop();
    let addr: std::net::SocketAddr = "127.0.0.1:0".parse().expect("addr");
    let mut a = mio::net::UdpSocket::bind(addr).expect("bind");
    let mut b = mio::net::UdpSocket::bind(addr).expect("bind");
    let sender = std::net::UdpSocket::bind(addr).expect("bind");
    let (ha, ta) = lp.register_io(&mut a, Interest::READABLE).expect("register");
    let (hb, tb) = lp.register_io(&mut b, Interest::READABLE).expect("register");
    sender.send_to(b"1", a.local_addr().expect("addr")).expect("send");
    sender.send_to(b"2", b.local_addr().expect("addr")).expect("send");
    std::thread::sleep(Duration::from_millis(50));
    // Whichever socket reports first closes the other one.
    let mut rec = Rec::with_hook(move |lp, ev| match *ev {
        Ev::Io(t, _) if t == ta => lp.close_handle(hb),
        Ev::Io(t, _) if t == tb => lp.close_handle(ha),
        _ => {}
    });
    lp.run(&mut rec, RunMode::NoWait);
    let io_events = rec.events.iter().filter(|ev| matches!(ev, Ev::Io(..))).count();
    assert_eq!(io_events, 1, "{:?}", rec.events);
    assert_eq!(rec.events.len(), 2, "one io then one close: {:?}", rec.events);
}

#[test]
fn backend_timeout_rules() {
    let lp = new_loop();
    // Nothing alive: never block.
    assert_eq!(lp.backend_timeout(), Some(Duration::ZERO));
    let t = lp.add_timer(250, true);
    assert_eq!(lp.backend_timeout(), Some(Duration::from_millis(250)));
    // An unref'd timer still bounds the wait while something else is alive.
    lp.set_timer_ref(t, false);
    lp.ref_request();
    assert_eq!(lp.backend_timeout(), Some(Duration::from_millis(250)));
    assert!(lp.cancel_timer(t));
    assert_eq!(lp.backend_timeout(), None, "only a request: block");
    let idle = lp.add_idle();
    lp.start_handle(idle);
    assert_eq!(lp.backend_timeout(), Some(Duration::ZERO));
    lp.stop_handle(idle);
    lp.queue_pending(1);
    assert_eq!(lp.backend_timeout(), Some(Duration::ZERO));
}

#[test]
fn time_is_cached_and_monotonic() {
    let lp = new_loop();
    let before = lp.now();
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(lp.now(), before, "cached until update_time");
    lp.update_time();
    assert!(lp.now() >= before + 20);
    let a = lp.hrtime_ns();
    let b = lp.hrtime_ns();
    assert!(b >= a);
    let t = lp.add_timer(100, true);
    assert_eq!(lp.timer_deadline(t), Some(lp.now() + 100));
}
