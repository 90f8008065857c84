// The generated client names the DOM's BodyInit; Node's fetch types have the same thing as RequestInit['body'].
type BodyInit = NonNullable<RequestInit['body']>;
