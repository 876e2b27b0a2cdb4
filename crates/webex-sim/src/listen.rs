//! The accept loop: HTTP/1.1 on each loopback connection, with a deadline
//! for a request's headers. `axum::serve` has none, so a client that sends
//! half a request line (or nothing) would hold its connection for ever; here
//! the connection is closed once `read_timeout` passes without a whole head
//! (hyper's header-read timeout, which also ends keep-alive connections idle
//! for that long). Stopping waits for the requests in flight.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::routing::future::RouteFuture;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tower_service::Service;

/// Serves `app` on `listener` until `stop` fires (or is dropped).
pub async fn serve(listener: TcpListener, app: Router, read_timeout: Duration, stop: oneshot::Receiver<()>) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(read_timeout);
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, most likely: let some close.
                    tracing::warn!("simulator: accept failed: {err}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let app = app.clone();
        let service = service_fn(move |request| with_peer(app.clone(), peer, request));
        let connection = graceful.watch(http.serve_connection(TokioIo::new(nodelay(tcp)), service));
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!("simulator: connection from {peer} ended: {err}");
            }
        });
    }
    graceful.shutdown().await;
}

/// Answers go out whole at once, as Webex's front ends send them: with
/// Nagle's algorithm on, a page's last segment would wait for an ACK.
fn nodelay(tcp: TcpStream) -> TcpStream {
    if let Err(err) = tcp.set_nodelay(true) {
        tracing::warn!("simulator: TCP_NODELAY not set: {err}");
    }
    tcp
}

/// One request, carrying the peer's address (`ConnectInfo`, which the
/// `/_sim/` helpers check).
fn with_peer(mut app: Router, peer: SocketAddr, request: hyper::Request<Incoming>) -> RouteFuture<Infallible> {
    let mut request = request.map(Body::new);
    request.extensions_mut().insert(ConnectInfo(peer));
    app.call(request)
}
