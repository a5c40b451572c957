import Synchronization

/// Where each path segment was last found in its object, shared by all threads that render
/// one template. Reads and writes are relaxed atomics: a hint is only a guess, always checked.
final class LookupHints: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Atomic<Int>>
  let count: Int

  init(count: Int) {
    self.count = max(count, 1)
    pointer = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: self.count)
    for index in 0..<self.count { (pointer + index).initialize(to: Atomic(0)) }
  }

  deinit {
    pointer.deinitialize(count: count)
    pointer.deallocate()
  }

  @inline(__always)
  func load(_ index: Int) -> Int {
    pointer[index].load(ordering: .relaxed)
  }

  @inline(__always)
  func store(_ index: Int, _ value: Int) {
    pointer[index].store(value, ordering: .relaxed)
  }
}
