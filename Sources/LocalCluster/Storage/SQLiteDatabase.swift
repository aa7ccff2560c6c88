import CSQLite
import Foundation

/// A thin handle on one SQLite database file (the sqlite3 C API): statements with text and integer bindings,
/// transactions. Not thread-safe by itself; the `ObjectStore` actor owns the only one.
final class SQLiteDatabase {
    private var handle: OpaquePointer?

    /// Opens (creating if needed) the file in WAL mode, readable by its owner only (it holds Secrets; SQLite gives
    /// the WAL and shared-memory files the database file's permissions).
    init(path: String) throws(APIServerError) {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw .internalError("cannot open the database \(path): \(message)")
        }
        handle = db
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA busy_timeout=5000")
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one statement with positional bindings (`?`), returning its rows as arrays of optional text.
    @discardableResult
    func execute(_ sql: String, _ bindings: [Binding] = []) throws(APIServerError) -> [[String?]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw failure(sql) }
        defer { sqlite3_finalize(statement) }
        for (index, binding) in bindings.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch binding {
            case .text(let text): code = sqlite3_bind_text(statement, position, text, -1, transientDestructor)
            case .int(let number): code = sqlite3_bind_int64(statement, position, number)
            }
            guard code == SQLITE_OK else { throw failure(sql) }
        }
        var rows: [[String?]] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw failure(sql) }
            let columns = sqlite3_column_count(statement)
            rows.append(
                (0..<columns).map { column in
                    sqlite3_column_text(statement, column).map { String(cString: $0) }
                })
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws(APIServerError) -> T) throws(APIServerError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    enum Binding {
        case text(String)
        case int(Int64)
    }

    private func failure(_ sql: String) -> APIServerError {
        .internalError("storage: \(String(cString: sqlite3_errmsg(handle))) (in \(sql.prefix(40)))")
    }
}

/// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
