import Foundation

/// CPU time of local pods, from /proc: the processes whose command line names a pod's directory (its scorer and
/// its steps), with every process in their process groups (a scorer's Python workers), as `up` starts them.
struct ProcessCPU {
    struct Process {
        var processGroup: Int32
        /// User and system time, in clock ticks.
        var ticks: Int
        var commandLine: String
    }

    let processes: [Process]

    /// Clock ticks per second (`sysconf(_SC_CLK_TCK)`).
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// Every process now (those that exit while being read are skipped).
    static func snapshot() -> ProcessCPU {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return ProcessCPU(processes: entries.compactMap { entry in
            guard Int32(entry) != nil,
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let command = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            return parse(stat: stat, commandLine: String(decoding: command.map { $0 == 0 ? 32 : $0 }, as: UTF8.self))
        })
    }

    /// One `/proc/<pid>/stat` line: after the command in parentheses come state, ppid, pgrp, … utime (14th field),
    /// stime (15th).
    static func parse(stat: String, commandLine: String) -> Process? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let group = Int32(fields[2]), let user = Int(fields[11]), let system = Int(fields[12])
        else { return nil }
        return Process(processGroup: group, ticks: user + system, commandLine: commandLine)
    }

    /// CPU seconds of the pod whose directory is `podDirectory`; `nil` when none of its processes runs.
    func seconds(podDirectory: String) -> Double? {
        let marker = podDirectory + "/"
        let groups = Set(processes.filter { $0.commandLine.contains(marker) }.map(\.processGroup))
        guard !groups.isEmpty else { return nil }
        let ticks = processes.filter { groups.contains($0.processGroup) }.reduce(0) { $0 + $1.ticks }
        return Double(ticks) / Self.ticksPerSecond
    }
}
