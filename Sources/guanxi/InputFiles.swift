import Foundation
import GuanxiText

/// Expands the paths a user gives into article files: a folder means every `.txt`
/// file below it, in name order; a file is taken as given. Problems are reported,
/// not thrown, so that one bad path does not stop a batch. Also reads one such file
/// for extraction, as `build` and `extract` both do.
enum InputFiles {
    /// What reading one file for extraction gives.
    enum Document {
        case text(SourceText)
        /// Blank: nothing to extract.
        case empty
        case failed(TextError)
    }

    /// The file at `path`, decoded; an error other than the decoder's own is reported
    /// as the file being unreadable.
    static func read(_ path: String) -> Document {
        do {
            let source = try DocumentDecoder.read(path: path)
            return source.isBlank ? .empty : .text(source)
        } catch let error as TextError {
            return .failed(error)
        } catch {
            return .failed(TextError(path: path, code: .unreadable(reason: "\(error)")))
        }
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func expand(_ paths: [String], extensions: Set<String> = ["txt"]) -> (files: [String], problems: [Problem]) {
        var files: [String] = []
        var problems: [Problem] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                problems.append(Problem(description: "\(path): no such file or directory"))
                continue
            }
            guard isDir.boolValue else {
                if isRegular(path) { files.append(path) } else { problems.append(Problem(description: "\(path): not a regular file (a device, socket or pipe), skipped")) }
                continue
            }
            var found: [String] = []
            var visited = Set<String>()
            walk(path, into: &found, visited: &visited, extensions: extensions, problems: &problems)
            if found.isEmpty {
                problems.append(Problem(description: "\(path): no .\(extensions.sorted().joined(separator: "/.")) files in this folder"))
            }
            files.append(contentsOf: found.sorted())
        }
        return (files, problems)
    }

    /// The canonical absolute path, links resolved (realpath(3)); nil for a broken link.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True for regular files (after links): reading a pipe would wait forever.
    static func isRegular(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    private static func walk(_ dir: String, into found: inout [String], visited: inout Set<String>, extensions: Set<String>, problems: inout [Problem]) {
        guard let real = canonical(dir), visited.insert(real).inserted else {
            problems.append(Problem(description: "\(dir): symbolic link loop, skipped"))
            return
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            problems.append(Problem(description: "\(dir): cannot read the folder"))
            return
        }
        for name in entries.sorted() where !name.hasPrefix(".") {
            let path = (dir as NSString).appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                problems.append(Problem(description: "\(path): broken link or unreadable entry, skipped"))
                continue
            }
            if isDir.boolValue {
                walk(path, into: &found, visited: &visited, extensions: extensions, problems: &problems)
            } else if extensions.contains((name as NSString).pathExtension.lowercased()) {
                if isRegular(path) { found.append(path) } else { problems.append(Problem(description: "\(path): not a regular file (a device, socket or pipe), skipped")) }
            }
        }
    }
}
