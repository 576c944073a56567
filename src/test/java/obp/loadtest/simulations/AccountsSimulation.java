package obp.loadtest.simulations;

import obp.loadtest.run.ObpRun;

/** Setup and the accounts + views loop alone. */
public class AccountsSimulation extends ObpSimulation {
    public AccountsSimulation() {
        super(new ObpRun.Phases(true, false, false));
    }
}
