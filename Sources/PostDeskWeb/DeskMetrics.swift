import Foundation
import Hummingbird
import Prometheus

/// What the desk tells Prometheus: requests by route and status, how long they took, the writes
/// that found the registry busy, and the sessions open. Served on a port of its own
/// (`WebDesk.metricsApplication`), never beside the clerks' pages.
///
/// A registry of the desk's own, not swift-metrics' process-wide one: two desks in one process
/// (the tests) count apart.
public final class DeskMetrics: Sendable {
  let registry = PrometheusCollectorRegistry()
  /// Writes refused because another writer held the registry past the busy timeout.
  let registryBusy: Counter
  /// The sessions open, as of the last scrape.
  let sessions: Gauge

  /// Request latencies' buckets, in seconds: a page is meant to take milliseconds, a letter's
  /// PDF up to seconds.
  static let buckets: [Duration] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].map {
    .milliseconds(Int64($0 * 1000))
  }

  /// Empty metrics.
  public init() {
    registryBusy = registry.makeCounter(
      descriptor: Self.name("registry_busy", "total", "Writes refused because the registry stayed busy."))
    sessions = registry.makeGauge(descriptor: Self.name("sessions", "", "Sessions open at the desk."))
  }

  /// Counts one request to `route` (its pattern, never its path: a path may name a document)
  /// that answered `status` after `duration`.
  func record(method: String, route: String, status: Int, duration: Duration) {
    registry.makeCounter(
      descriptor: Self.name("http_requests", "total", "Requests answered, by route and status."),
      labels: [("method", method), ("route", route), ("status", "\(status)")]
    ).increment()
    registry.makeDurationHistogram(
      descriptor: Self.name("http_request_duration", "seconds", "How long requests took, by route."),
      labels: [("route", route)], buckets: Self.buckets
    ).record(duration)
  }

  /// The desk's metric `postdesk_NAME_UNIT`.
  private static func name(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
    MetricNameDescriptor(namespace: "postdesk", metricName: name, unitName: unit, helpText: help)
  }

  /// The metrics in Prometheus' text format.
  public func text() -> String { registry.emitToString() }
}

/// Times every request of the desk and counts it in `DeskMetrics`, by the route that matched.
struct MetricsMiddleware: RouterMiddleware {
  typealias Context = DeskRequestContext
  let metrics: DeskMetrics

  func handle(
    _ request: Request, context: DeskRequestContext, next: (Request, DeskRequestContext) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    do {
      let response = try await next(request, context)
      record(request, context, status: response.status.code, since: start)
      return response
    } catch let error as HTTPResponseError {
      record(request, context, status: error.status.code, since: start)
      throw error
    } catch {
      record(request, context, status: 500, since: start)
      throw error
    }
  }

  private func record(
    _ request: Request, _ context: DeskRequestContext, status: Int, since start: ContinuousClock.Instant
  ) {
    metrics.record(
      method: request.method.rawValue, route: context.endpointPath ?? "(no route)", status: status,
      duration: ContinuousClock.now - start)
  }
}
