import Foundation
import GuanxiExport
import GuanxiQuery
import GuanxiStore
import GuanxiText
import Hummingbird

/// `guanxi serve`: a read-only web application over one store. The pages and every
/// asset they use come from the package's resources (no network needed); the data
/// comes from the JSON API under `/api/`, which scripts can call too.
public struct GraphServer: Sendable {
    /// The store file.
    public let db: String
    /// Where to listen.
    public let host: String
    public let port: Int
    /// Query limits for the console: seconds and rows.
    public var querySeconds = 10.0
    public var queryRows = 2_000

    public init(db: String, host: String = "127.0.0.1", port: Int = 8080) {
        self.db = db
        self.host = host
        self.port = port
    }

    /// Runs until SIGINT or SIGTERM; `started` gets the address once listening.
    public func run(started: @escaping @Sendable (String) -> Void) async throws {
        // Refuse at once what is no store, rather than failing every request.
        _ = try GraphStore.open(path: db, create: false, readOnly: true)
        let router = makeRouter()
        let host = self.host
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "guanxi"),
                              onServerRunning: { channel in
                                  let port = channel.localAddress?.port ?? 0
                                  started("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
                              })
        try await app.runService()
    }

    func json(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func store() throws -> GraphStore { try GraphStore.open(path: db, create: false, readOnly: true) }

    /// Runs `body` on a fresh read-only connection, turning failures into JSON errors.
    func answer(_ body: (GraphStore) throws -> String?) -> Response {
        do {
            guard let text = try body(try store()) else { return json(APIJSON.error("not found"), status: .notFound) }
            return json(text)
        } catch let e as StoreError {
            return json(APIJSON.error(e.description), status: .internalServerError)
        } catch {
            return json(APIJSON.error("\(error)"), status: .internalServerError)
        }
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let server = self
        router.get("/") { _, _ in server.asset("index.html") }
        router.get("/assets/:file") { _, context in server.asset(context.parameters.get("file") ?? "") }
        router.get("/api/search") { request, _ in
            let q = request.uri.queryParameters.get("q") ?? ""
            let limit = min(50, request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 12)
            return server.answer { APIJSON.search(try $0.search(q, limit: limit)) }
        }
        router.get("/api/entity/:id") { _, context in
            let id = context.parameters.get("id").flatMap { Int64($0) } ?? -1
            return server.answer { store in try store.nodeExists(id) ? ProfileJSON.render(try store.profile(id)) : nil }
        }
        router.get("/api/neighbourhood/:id") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) } ?? -1
            let p = request.uri.queryParameters
            let depth = max(1, min(3, p.get("depth").flatMap { Int($0) } ?? 1))
            func set(_ key: String) -> Set<String> { Set((p.get(key) ?? "").split(separator: ",").map(String.init)) }
            return server.answer { store in
                guard try store.nodeExists(id) else { return nil }
                return APIJSON.subgraph(try store.subgraph(around: id, depth: depth, types: set("types"), relations: set("relations")), centre: id)
            }
        }
        router.get("/api/fact/:id") { _, context in
            let id = context.parameters.get("id").flatMap { Int64($0) } ?? -1
            return server.answer { try $0.fact(id).map(APIJSON.fact) }
        }
        router.get("/api/document/:key") { _, context in
            let key = context.parameters.get("key") ?? ""
            return server.answer { try $0.document(key).map(APIJSON.document) }
        }
        router.get("/api/query") { request, _ in server.query(request.uri.queryParameters.get("q") ?? "", request.uri.queryParameters.get("params")) }
        router.get("/api/stats") { _, _ in
            server.answer { store in
                let s = try store.stats().json
                return "{\"db\":\(APIJSON.q(StoreLocation.isServer(server.db) ? StoreLocation(server.db).description : (server.db as NSString).lastPathComponent)),\(s.dropFirst())"
            }
        }
        router.get("/api/types") { _, _ in
            server.json("{" + TypeColours.fill.keys.sorted().map { "\(APIJSON.q($0)):\(APIJSON.q(TypeColours.of($0)))" }.joined(separator: ",") + "}")
        }
        return router
    }

    /// Runs a console query with the server's limits; a syntax error comes back with
    /// its caret message.
    func query(_ text: String, _ params: String?) -> Response {
        do {
            let engine = try QueryEngine(store: try store())
            engine.limits.seconds = querySeconds
            engine.limits.maxRows = queryRows
            var parameters = try QueryParameters.defaults(in: text)
            if let params, let data = params.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                for (k, v) in object { parameters[k] = QueryParameters.value(json: v) }
            }
            return json(APIJSON.query(try engine.run(text, parameters: parameters)))
        } catch let e as QueryError {
            return json(APIJSON.error(e.description), status: .badRequest)
        } catch let e as QueryParameters.Malformed {
            return json(APIJSON.error(e.description), status: .badRequest)
        } catch {
            return json(APIJSON.error("\(error)"), status: .internalServerError)
        }
    }

    static let types = ["html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
                        "txt": "text/plain; charset=utf-8"]

    /// A file of the site, from the package's resources.
    func asset(_ name: String) -> Response {
        guard !name.contains("/"), !name.hasPrefix("."), let data = SiteAssets.data(name) else {
            return Response(status: .notFound, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "not found")))
        }
        let ext = name.split(separator: ".").last.map(String.init) ?? ""
        return Response(status: .ok, headers: [.contentType: Self.types[ext] ?? "application/octet-stream", .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
