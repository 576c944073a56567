package obp.loadtest.bench;

import obp.loadtest.simulations.V7SweepSimulation;

/**
 * The product path for the benchmark: exactly the simulation {@code ./run.sh} runs for the v7 sweep
 * (setup, recorder, live console, in-flight watch, pool sampler), with the load phase's CPU printed
 * as "BENCH start|end" lines around it. Setup happens in the constructor, before "start". A "BENCH sweep" line
 * marks when the measured sweep begins, after the write round trip and the calibration's lone worker: from there
 * to "end" is the phase bare Gatling's whole load phase compares with, 40 workers sweeping.
 */
public class ProductPathSimulation extends V7SweepSimulation {

    @Override
    public void before() {
        System.out.println(ProcessCpu.line("start"));
        Thread watch = new Thread(
                () -> {
                    try {
                        while (!sweepStarted()) Thread.sleep(2);
                        System.out.println(ProcessCpu.line("sweep"));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "bench-sweep-start");
        watch.setDaemon(true);
        watch.start();
    }

    @Override
    public void after() {
        System.out.println(ProcessCpu.line("end"));
        super.after();
    }
}
