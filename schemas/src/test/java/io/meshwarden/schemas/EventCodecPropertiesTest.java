package io.meshwarden.schemas;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.MetricEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class EventCodecPropertiesTest {

    @Property(tries = 500)
    void randomBytesFailOnlyWithATypedDecodingError(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            EventCodec.of(ContractChange.class).decode(bytes);
        } catch (EventDecodingException expected) {
            // the only acceptable failure: it carries a reason for the dead-letter topic
        }
    }

    @Property(tries = 300)
    void aCorruptedAvroPayloadFailsOnlyWithATypedDecodingError(@ForAll @Size(min = 1, max = 60) byte[] tail) {
        byte[] valid = EventCodec.of(MetricEvent.class).encode(
                Samples.metric("email.send-engagement", 10, 10L, Samples.T0), OutputFormat.AVRO);
        byte[] corrupt = new byte[10 + tail.length];
        System.arraycopy(valid, 0, corrupt, 0, 10);
        System.arraycopy(tail, 0, corrupt, 10, tail.length);
        try {
            EventCodec.of(MetricEvent.class).decode(corrupt);
        } catch (EventDecodingException expected) {
            // fine: typed
        }
    }

    @Property(tries = 50)
    void emptyInputIsUndecodable(@ForAll @Size(max = 0) byte[] empty) {
        assertThatThrownBy(() -> EventCodec.of(MetricEvent.class).decode(empty)).isInstanceOf(EventDecodingException.class);
    }
}
