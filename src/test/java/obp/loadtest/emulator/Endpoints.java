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
        // Resource docs under every version (docs/obp-api.md §1). OBP's resource-docs service sits before the version
        // chain, so a v7 answer is not bridged: v7 has its own route.
        routes.add("GET", "v1.2.1", "v6.0.0", "/resource-docs/{DOC_VERSION}/obp", V7Endpoints::resourceDocs)
                .open()
                .add("GET", Routes.V7, "/resource-docs/{DOC_VERSION}/obp", V7Endpoints::resourceDocs)
                .open();
        return routes;
    }
}
