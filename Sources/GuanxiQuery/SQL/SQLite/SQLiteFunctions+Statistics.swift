import GuanxiStore
import CSQLite
import Foundation

/// The numbers an aggregate group has seen, with whether each was an integer.
final class SampleState {
    var values: [(value: Double, integer: Bool)] = []
    var percentile: Double?
}

extension Database {
    /// Registers Cypher's statistical aggregates over numbers (nulls skipped):
    /// `gx_percentile_disc(value, p)`, the smallest value at or above fraction p of the
    /// sorted values, as it was (an integer stays one); `gx_percentile_cont(value, p)`,
    /// linear interpolation between the two nearest values; and `gx_stdev(value)` and
    /// `gx_stdevp(value)`, the sample and population standard deviation (0.0 for fewer
    /// than two values, or none). A percentile outside 0.0 to 1.0 is an error.
    /// The corresponding C function is `sqlite3_create_function_v2` with step and final callbacks.
    func registerStatistics() throws {
        let step: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count >= 1, let v = values[0] else { return }
            guard let state = aggregateState(context, SampleState.init) else { return sqlite3_result_error_nomem(context) }
            if count == 2, state.percentile == nil, let p = values[1], sqlite3_value_type(p) != SQLITE_NULL {
                let fraction = sqlite3_value_double(p)
                guard sqlite3_value_type(p) == SQLITE_INTEGER || sqlite3_value_type(p) == SQLITE_FLOAT, (0...1).contains(fraction) else {
                    let shown = sqlite3_value_text(p).map { String(cString: $0) } ?? "?"
                    return sqlite3_result_error(context, "a percentile must be a number from 0.0 to 1.0, not \(shown)", -1)
                }
                state.percentile = fraction
            }
            switch sqlite3_value_type(v) {
            case SQLITE_INTEGER: state.values.append((Double(sqlite3_value_int64(v)), true))
            case SQLITE_FLOAT: state.values.append((sqlite3_value_double(v), false))
            default: return
            }
        }
        let final: @convention(c) (OpaquePointer?) -> Void = { context in
            let mode = Int(bitPattern: sqlite3_user_data(context))
            let state: SampleState = finishedAggregateState(context) ?? SampleState()
            let sorted = state.values.sorted { $0.value < $1.value }
            let n = sorted.count
            switch mode {
            case 0, 1:
                guard n > 0, let p = state.percentile else { return sqlite3_result_null(context) }
                if mode == 0 {
                    let chosen = sorted[max(0, min(n - 1, Int((p * Double(n)).rounded(.up)) - 1))]
                    chosen.integer ? sqlite3_result_int64(context, Int64(chosen.value)) : sqlite3_result_double(context, chosen.value)
                } else {
                    let at = p * Double(n - 1), low = Int(at.rounded(.down)), high = Int(at.rounded(.up))
                    let fraction = at - Double(low)
                    sqlite3_result_double(context, sorted[low].value + (sorted[high].value - sorted[low].value) * fraction)
                }
            default:
                guard n > 1 else { return sqlite3_result_double(context, 0) }
                let mean = sorted.reduce(0) { $0 + $1.value } / Double(n)
                let squares = sorted.reduce(0) { $0 + ($1.value - mean) * ($1.value - mean) }
                sqlite3_result_double(context, (squares / Double(mode == 2 ? n - 1 : n)).squareRoot())
            }
        }
        for (name, arity, mode) in [("gx_percentile_disc", Int32(2), 0), ("gx_percentile_cont", 2, 1), ("gx_stdev", 1, 2), ("gx_stdevp", 1, 3)] {
            let code = sqlite3_create_function_v2(handle, name, arity, SQLITE_UTF8, UnsafeMutableRawPointer(bitPattern: mode), nil, step, final, nil)
            guard code == SQLITE_OK else { throw error(code, sql: nil) }
        }
    }
}
