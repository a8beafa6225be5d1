package io.meshwarden.events;

import io.meshwarden.avro.PolicySet;

/**
 * What became of one published policy set: governance put it in force (or it already was, with
 * the same content), refused it with a reason, held it for stewards' approval (a global set that
 * loosens the one in force), or gave no answer within the timeout.
 */
public sealed interface PolicySetOutcome {
    PolicySet set();

    /** {@code id@version}, as decisions and violations name policy sets. */
    default String ref() {
        return set().getId() + "@" + set().getVersion();
    }

    default boolean inForce() {
        return this instanceof InForce;
    }

    record InForce(PolicySet set) implements PolicySetOutcome {
        @Override
        public String toString() {
            return ref() + " in force";
        }
    }

    /** @param reason governance's message on the violation topic; the version in force before stays in force */
    record Refused(PolicySet set, String reason) implements PolicySetOutcome {
        @Override
        public String toString() {
            return ref() + " refused: " + reason;
        }
    }

    /**
     * A global set that loosens the one in force: held for stewards' approval, not in force.
     *
     * @param reason governance's message: what it loosens, and who must approve it
     */
    record Held(PolicySet set, String reason) implements PolicySetOutcome {
        @Override
        public String toString() {
            return ref() + " held for approval: " + reason;
        }
    }

    record Unanswered(PolicySet set) implements PolicySetOutcome {
        @Override
        public String toString() {
            return ref() + " not answered";
        }
    }
}
