import Foundation
import Testing
@testable import ModelFetch

@Suite struct S3SignerTests {
    /// The GET Object example of the AWS Signature Version 4 documentation (virtual-hosted style, empty payload).
    @Test func signsTheAWSGetObjectExample() {
        let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
        let emptyPayload = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        let authorization = S3Signer.authorization(
            method: "GET", url: URL(string: "https://examplebucket.s3.amazonaws.com/test.txt")!,
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
                ("x-amz-content-sha256", emptyPayload), ("x-amz-date", "20130524T000000Z"),
            ],
            payloadHash: emptyPayload, date: date, region: "us-east-1",
            credentials: .init(
                accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        #expect(
            authorization
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func formatsTheTimeInUTC() {
        #expect(S3Signer.amzDate(Date(timeIntervalSince1970: 1_369_353_600)) == "20130524T000000Z")
        #expect(S3Signer.amzDate(Date(timeIntervalSince1970: 1_700_000_007)) == "20231114T221327Z")
    }

    @Test func signedGetIsPathStyleWithUnsignedPayload() throws {
        let configuration = S3Configuration(
            accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "tok", region: "eu-west-1",
            endpoint: "http://127.0.0.1:9000")
        let signed = try S3Signer.signedGet(
            bucket: "models", key: "a b/model.onnx", configuration: configuration,
            date: Date(timeIntervalSince1970: 1_369_353_600))
        #expect(signed.url.absoluteString == "http://127.0.0.1:9000/models/a%20b/model.onnx")
        let headers = Dictionary(uniqueKeysWithValues: signed.headers.map { ($0.name, $0.value) })
        #expect(headers["host"] == "127.0.0.1:9000")
        #expect(headers["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD")
        #expect(headers["x-amz-security-token"] == "tok")
        let authorization = try #require(headers["authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/20130524/eu-west-1/s3/aws4_request,"))
        #expect(authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
    }

    @Test func missingKeyFileIsNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("AWS_ACCESS_KEY_ID", Array("AKID\n".utf8))
        let error = #expect(throws: ModelFetchError.self) { try S3Configuration.load(from: directory.path) }
        #expect(error?.code == .missingCredentials)
        #expect(error?.message.contains(directory.path + "/AWS_SECRET_ACCESS_KEY") == true)
    }

    @Test func defaultsRegionAndEndpoint() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("AWS_ACCESS_KEY_ID", Array(" AKID \n".utf8))
        try directory.write("AWS_SECRET_ACCESS_KEY", Array("s3cr3t".utf8))
        let configuration = try S3Configuration.load(from: directory.path)
        #expect(configuration.accessKeyID == "AKID")
        #expect(configuration.region == "us-east-1")
        #expect(configuration.endpoint == "https://s3.us-east-1.amazonaws.com")
        #expect(configuration.sessionToken == nil)
    }
}
