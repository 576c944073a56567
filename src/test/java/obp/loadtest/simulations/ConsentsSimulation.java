package obp.loadtest.simulations;

import obp.loadtest.run.ObpRun;

/** Setup and the consent loop alone. */
public class ConsentsSimulation extends ObpSimulation {
    public ConsentsSimulation() {
        super(new ObpRun.Phases(false, true, false));
    }
}
