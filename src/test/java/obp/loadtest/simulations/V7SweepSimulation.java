package obp.loadtest.simulations;

import obp.loadtest.run.ObpRun;

/** Setup and the v7.0.0 sweep alone (round trip, then the workers). */
public class V7SweepSimulation extends ObpSimulation {
    public V7SweepSimulation() {
        super(new ObpRun.Phases(false, false, true));
    }
}
