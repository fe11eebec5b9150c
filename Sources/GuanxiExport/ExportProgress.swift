/// How far an export has come, as it tells whoever shows progress (on the thread that
/// called `write`, every few thousand elements).
public struct ExportProgress: Sendable {
    public var nodes = 0
    public var edges = 0
}
