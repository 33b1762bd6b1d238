package io.invitations.local.bench;

import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Several interceptors as one, in order (the clients take one): the request counter and the latency. */
final class Interceptors implements ExecutionInterceptor {
    private final List<ExecutionInterceptor> each;

    Interceptors(ExecutionInterceptor... each) {
        this.each = List.of(each);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        for (ExecutionInterceptor interceptor : each) {
            SdkRequest current = request;
            request = interceptor.modifyRequest(new Context.ModifyRequest() {
                @Override
                public SdkRequest request() {
                    return current;
                }
            }, attributes);
        }
        return request;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        each.forEach(interceptor -> interceptor.beforeTransmission(context, attributes));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        each.forEach(interceptor -> interceptor.afterExecution(context, attributes));
    }
}
