package obp.loadtest.emulator;

/** Every route the emulator serves; one register call per area of docs/obp-api.md. */
final class Endpoints {
    private Endpoints() {}

    static Routes all() {
        Routes routes = new Routes();
        SetupEndpoints.register(routes);
        AccountEndpoints.register(routes);
        ConsentEndpoints.register(routes);
        V7Endpoints.register(routes);
        CleanupEndpoints.register(routes);
        // OBP's resource-docs service sits before the version chain, so its answer is not bridged.
        routes.add("GET", Routes.V7, "/resource-docs/v7.0.0/obp", c -> V7Endpoints.resourceDocs(routes));
        return routes;
    }
}
