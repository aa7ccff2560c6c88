import Testing
@testable import ModelFetch

@Suite struct ModelFetchErrorTests {
    @Test func describesItself() { #expect(ModelFetchError(description: "x").description == "x") }
}
