import Foundation
import Hummingbird
import Prometheus
import Synchronization

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

  /// The request counter of each method, route and status, and the latency histogram of each
  /// route, once made: asking the registry for them anew (names and labels checked, looked up
  /// under its lock) cost a fiftieth of a citizen page (issue 25).
  private let series = Mutex(Series())

  private struct Series {
    struct Requests: Hashable {
      var method: String
      var route: String
      var status: Int
    }
    var requests: [Requests: Counter] = [:]
    var durations: [String: DurationHistogram] = [:]
  }

  /// Counts one request to `route` (its pattern, never its path: a path may name a document)
  /// that answered `status` after `duration`.
  func record(method: String, route: String, status: Int, duration: Duration) {
    let key = Series.Requests(method: method, route: route, status: status)
    let (counter, histogram) = series.withLock { series in
      if let counter = series.requests[key], let histogram = series.durations[route] { return (counter, histogram) }
      // The registry gives the same series again for the same name and labels.
      let counter = registry.makeCounter(
        descriptor: Self.name("http_requests", "total", "Requests answered, by route and status."),
        labels: [("method", method), ("route", route), ("status", "\(status)")])
      let histogram = registry.makeDurationHistogram(
        descriptor: Self.name("http_request_duration", "seconds", "How long requests took, by route."),
        labels: [("route", route)], buckets: Self.buckets)
      series.requests[key] = counter
      series.durations[route] = histogram
      return (counter, histogram)
    }
    counter.increment()
    histogram.record(duration)
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
