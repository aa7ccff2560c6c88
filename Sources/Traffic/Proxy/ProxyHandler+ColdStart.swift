import NIOCore

// Scale from zero: a request for a deployment that scales to zero and has no ready pod is held, not refused. It
// asks for a pod (an autoscaler reading `RouteTableStore.podsWanted` starts one), counts as in flight for the
// deployment, and goes to the first pod that the route table shows ready. The request's deadline bounds the wait.
extension ProxyHandler {
    /// How often a held request looks for a ready pod in the current route table.
    static let podCheckInterval = TimeAmount.milliseconds(20)

    func waitForPod(_ exchange: ProxyExchange) {
        // Asked once per wait that begins from none; the autoscaler's next sample counts every waiting request.
        if exchange.deployment.metrics.waiting.add(1, ordering: .relaxed).oldValue == 0 {
            router.routes.wantsPod(namespace: exchange.decision.endpoint.key.namespace,
                deployment: exchange.deployment.name)
        }
        scheduleCheckForPod(exchange)
    }

    private func scheduleCheckForPod(_ exchange: ProxyExchange) {
        guard let context else { return }
        exchange.podCheck = context.eventLoop.assumeIsolated().scheduleTask(in: Self.podCheckInterval) { [self] in
            guard case .proxying(let current) = state, current === exchange, exchange.podCheck != nil else { return }
            let key = exchange.decision.endpoint.key
            guard let route = router.routes.current.endpoints[key]?.deployments[exchange.deployment.name],
                let backend = route.pods.choose(now: Self.now, using: &generator)
            else { return scheduleCheckForPod(exchange) }
            stopWaiting(exchange)
            exchange.deployment = route
            exchange.backend = backend
            backend.started()
            connect(to: backend)
        }
    }

    /// Ends the wait, if the request is waiting: a pod was found, or the request ends without one.
    func stopWaiting(_ exchange: ProxyExchange) {
        guard let check = exchange.podCheck else { return }
        check.cancel()
        exchange.podCheck = nil
        exchange.deployment.metrics.waiting.subtract(1, ordering: .relaxed)
    }
}
