package obp.loadtest.simulations;

import obp.loadtest.run.ObpRun;

/** The whole run, as ./run.sh does it: setup → accounts → consents → v7 sweep. */
public class FullRunSimulation extends ObpSimulation {
    public FullRunSimulation() {
        super(new ObpRun.Phases(true, true, true));
    }
}
