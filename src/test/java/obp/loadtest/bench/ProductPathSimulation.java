package obp.loadtest.bench;

import obp.loadtest.simulations.V7SweepSimulation;

/**
 * The product path for the benchmark: exactly the simulation {@code ./run.sh} runs for the v7 sweep
 * (setup, recorder, live console, in-flight watch, pool sampler), with the load phase's CPU printed
 * as "BENCH start|end" lines around it. Setup happens in the constructor, before "start".
 */
public class ProductPathSimulation extends V7SweepSimulation {

    @Override
    public void before() {
        System.out.println(ProcessCpu.line("start"));
    }

    @Override
    public void after() {
        System.out.println(ProcessCpu.line("end"));
        super.after();
    }
}
