package obp.loadtest.simulations;

/** Setup and the consent loop alone. */
public class ConsentsSimulation extends ObpSimulation {
    public ConsentsSimulation() {
        super(new ObpRun.Phases(false, true, false));
    }
}
