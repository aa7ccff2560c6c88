import Testing
import ServingAPI
@testable import APIMachinery
