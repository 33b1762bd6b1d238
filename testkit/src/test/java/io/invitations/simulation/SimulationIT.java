package io.invitations.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.memory.PortDecorator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The full simulation, in verify only: 100,000 seeded fault schedules (about two minutes on two cores), and the
 * planted bug the fast layer cannot afford to look for (a worker's timeout: about 6,000 schedules to find).
 */
class SimulationIT {
    @Test
    void aHundredThousandSchedulesHoldEveryInvariant() throws Exception {
        SimulationTest.holdEveryInvariant(100_000);
    }

    /**
     * The worker before its deadline check (it starts a message whatever time is left): in a bad minute (150 ms a
     * call), an invocation of many accept or revoke chunks runs past its 60 s timeout.
     */
    @Test
    void findsAWorkerThatRunsPastItsTimeout() throws Exception {
        Simulation noDeadline = new Simulation(new Simulation.Planted(PortDecorator.NONE, Duration.ZERO));
        Simulation.Failure failure = SimulationTest.plantedBug(noDeadline);
        assertTrue(failure.violation().startsWith("timeout"), failure.violation());
    }
}
