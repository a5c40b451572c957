import Testing

@testable import PostDesk
