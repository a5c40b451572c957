import Testing

@testable import XMLTemplates
