import GuanxiStore
import CSQLite

/// The running winner of a `gx_min` / `gx_max` group.
final class ExtremeState {
    var best: CypherValueOrder.Value?
    var value: OpaquePointer?
    var kind: String?
    deinit { sqlite3_value_free(value) }
}

extension Database {
    /// Registers `gx_min(value, kind)` and `gx_max(value, kind)`: Cypher's min and max,
    /// which order values of mixed kinds (lists before strings before booleans before
    /// numbers) and lists element by element; `kind` is the stored kind of the value
    /// (`list`, `map`, `boolean` or NULL). `gx_minkind` and `gx_maxkind` give the kind
    /// of the winner, so results show it as what it is.
    /// The corresponding C function is `sqlite3_create_function_v2` with step and final callbacks.
    func registerExtremes() throws {
        let step: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 2, let v = values[0], sqlite3_value_type(v) != SQLITE_NULL else { return }
            guard let state = aggregateState(context, ExtremeState.init) else { return sqlite3_result_error_nomem(context) }
            let kind = values[1].flatMap { sqlite3_value_text($0) }.map { String(cString: $0) }
            guard let value = orderValue(v, values[1]) else { return }
            let wantsMax = Int(bitPattern: sqlite3_user_data(context)) & 1 == 1
            if let best = state.best {
                let c = CypherValueOrder.order(value, best)
                guard wantsMax ? c > 0 : c < 0 else { return }
            }
            sqlite3_value_free(state.value)
            state.value = sqlite3_value_dup(v)
            state.best = value
            state.kind = kind
        }
        let final: @convention(c) (OpaquePointer?) -> Void = { context in
            guard let state: ExtremeState = finishedAggregateState(context) else { return sqlite3_result_null(context) }
            if Int(bitPattern: sqlite3_user_data(context)) & 2 == 2 {
                guard let kind = state.kind else { return sqlite3_result_null(context) }
                sqlite3_result_text(context, kind, -1, SQLITE_TRANSIENT)
            } else if let value = state.value {
                sqlite3_result_value(context, value)
            } else {
                sqlite3_result_null(context)
            }
        }
        for (name, mode) in [("gx_min", 0), ("gx_max", 1), ("gx_minkind", 2), ("gx_maxkind", 3)] {
            let code = sqlite3_create_function_v2(handle, name, 2, SQLITE_UTF8, UnsafeMutableRawPointer(bitPattern: mode), nil, step, final, nil)
            guard code == SQLITE_OK else { throw error(code, sql: nil) }
        }
    }
}

/// The per-group slot of an aggregate holding its state pointer; nil when SQLite has no memory for it,
/// or, without `create`, when the group saw no row.
private func aggregateSlot(_ context: OpaquePointer?, create: Bool) -> UnsafeMutablePointer<UnsafeMutableRawPointer?>? {
    let size = create ? Int32(MemoryLayout<UnsafeMutableRawPointer?>.size) : 0
    return sqlite3_aggregate_context(context, size)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
}

/// A Swift aggregate's state for the current group, made on its first row; nil when
/// SQLite has no memory for the slot.
func aggregateState<State: AnyObject>(_ context: OpaquePointer?, _ make: () -> State) -> State? {
    guard let slot = aggregateSlot(context, create: true) else { return nil }
    if let p = slot.pointee { return Unmanaged<State>.fromOpaque(p).takeUnretainedValue() }
    let state = make()
    slot.pointee = Unmanaged.passRetained(state).toOpaque()
    return state
}

/// The group's state at the end, released from the slot; nil when the group saw no row.
func finishedAggregateState<State: AnyObject>(_ context: OpaquePointer?) -> State? {
    guard let slot = aggregateSlot(context, create: false), let p = slot.pointee else { return nil }
    slot.pointee = nil
    return Unmanaged<State>.fromOpaque(p).takeRetainedValue()
}
