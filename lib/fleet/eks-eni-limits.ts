/*
 * The network limits of every EC2 instance type, as the Amazon VPC CNI has them: ENIs on the default
 * network card and IPv4 addresses per ENI, one line per family, `size:ENIs:addresses` (copied from
 * aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go at b52188387f2e, 2026-08-20, "Code generated
 * by go generate"; ENIs × (addresses − 1) + 2 gives that repository's misc/eni-max-pods.txt for every
 * type). Maintained by hand: copy the file again for new instance types, which are unknown here until then.
 */
const LIMITS = `
a1 2xlarge:4:15 4xlarge:8:30 large:3:10 medium:2:4 metal:8:30 xlarge:4:15
bmn-sf1 metal:15:50
c1 medium:2:6 xlarge:4:15
c3 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
c4 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
c5 12xlarge:8:30 18xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 9xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
c5a 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
c5ad 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
c5d 12xlarge:8:30 18xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 9xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
c5n 18xlarge:15:50 2xlarge:4:15 4xlarge:8:30 9xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
c6a 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
c6g 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
c6gd 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
c6gn 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 xlarge:4:15
c6i 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
c6id 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
c6in 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:8:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:8:50 xlarge:4:15
c7a 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-48xl:15:50 xlarge:4:15
c7g 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
c7gd 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
c7gn 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
c7i-flex 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
c7i 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
c8a 12xlarge:12:64 16xlarge:16:64 24xlarge:16:64 2xlarge:4:40 48xlarge:24:64 4xlarge:8:40 8xlarge:10:40 large:3:20 medium:2:4 metal-24xl:16:64 metal-48xl:24:64 xlarge:4:20
c8g 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
c8gb 12xlarge:12:30 16xlarge:16:50 24xlarge:24:50 2xlarge:4:15 48xlarge:12:50 4xlarge:8:30 8xlarge:10:30 large:3:10 medium:2:4 metal-24xl:24:50 metal-48xl:12:50 xlarge:4:15
c8gd 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
c8gn 12xlarge:12:30 16xlarge:16:50 24xlarge:24:50 2xlarge:4:15 48xlarge:12:50 4xlarge:8:30 8xlarge:10:30 large:3:10 medium:2:4 metal-24xl:24:50 metal-48xl:12:50 xlarge:4:15
c8i-flex 12xlarge:12:50 16xlarge:16:64 2xlarge:4:30 4xlarge:8:50 8xlarge:10:50 large:3:20 xlarge:4:30
c8i 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:24:64 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 96xlarge:24:64 large:3:20 metal-48xl:24:64 metal-96xl:24:64 xlarge:4:30
c8ib 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
c8id 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:24:64 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 96xlarge:24:64 large:3:20 metal-48xl:24:64 metal-96xl:24:64 xlarge:4:30
c8in 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
c8ine 12xlarge:12:50 2xlarge:4:30 4xlarge:8:50 8xlarge:8:50 large:4:20 xlarge:4:30
c9g 12xlarge:12:50 16xlarge:16:64 24xlarge:24:64 2xlarge:4:30 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 large:3:20 medium:2:20 metal-48xl:24:64 xlarge:4:30
c9gd 12xlarge:12:50 16xlarge:16:64 24xlarge:24:64 2xlarge:4:30 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 large:3:20 medium:2:20 metal-48xl:24:64 xlarge:4:30
cr1 8xlarge:8:30
d2 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 xlarge:4:15
d3 2xlarge:4:5 4xlarge:4:10 8xlarge:3:20 xlarge:4:3
d3en 12xlarge:3:30 2xlarge:4:5 4xlarge:4:10 6xlarge:4:15 8xlarge:4:20 xlarge:4:3
dl1 24xlarge:15:50
dl2q 24xlarge:15:50
f1 16xlarge:8:50 2xlarge:4:15 4xlarge:8:30
f2 12xlarge:8:30 48xlarge:15:50 6xlarge:8:30
g4ad 16xlarge:8:30 2xlarge:2:4 4xlarge:3:10 8xlarge:4:15 xlarge:2:4
g4dn 12xlarge:8:30 16xlarge:4:15 2xlarge:3:10 4xlarge:3:10 8xlarge:4:15 metal:15:50 xlarge:3:10
g5 12xlarge:15:50 16xlarge:8:30 24xlarge:15:50 2xlarge:4:15 48xlarge:7:50 4xlarge:8:30 8xlarge:8:30 xlarge:4:15
g5g 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 metal:15:50 xlarge:4:15
g6 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 xlarge:4:15
g6e 12xlarge:10:30 16xlarge:15:50 24xlarge:10:50 2xlarge:4:15 48xlarge:10:50 4xlarge:8:30 8xlarge:8:30 xlarge:4:15
g6f 2xlarge:4:15 4xlarge:8:30 large:2:10 xlarge:4:15
g7 12xlarge:12:64 24xlarge:24:64 2xlarge:4:64 48xlarge:12:64 4xlarge:8:64 8xlarge:10:64
g7e 12xlarge:10:64 24xlarge:10:64 2xlarge:4:64 48xlarge:10:64 4xlarge:8:64 8xlarge:8:64
gr6 4xlarge:8:30 8xlarge:8:30
gr6f 4xlarge:8:30
h1 16xlarge:8:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30
hpc6a 48xlarge:2:50
hpc6id 32xlarge:1:50
hpc7a 12xlarge:2:50 24xlarge:2:50 48xlarge:2:50 96xlarge:2:50
hpc7g 16xlarge:4:50 4xlarge:4:50 8xlarge:4:50
hpc8a 96xlarge:2:50
hs1 8xlarge:8:30
i2 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 xlarge:4:15
i3 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
i3en 12xlarge:8:30 24xlarge:15:50 2xlarge:4:15 3xlarge:4:15 6xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
i4g 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
i4i 12xlarge:8:30 16xlarge:15:50 24xlarge:15:30 2xlarge:4:15 32xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
i7i 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
i7ie 12xlarge:8:50 18xlarge:15:50 24xlarge:15:50 2xlarge:4:15 3xlarge:4:15 48xlarge:15:50 6xlarge:8:30 large:3:10 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
i8g 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
i8ge 12xlarge:12:30 18xlarge:16:50 24xlarge:16:50 2xlarge:4:15 3xlarge:6:30 48xlarge:24:50 6xlarge:10:30 large:3:10 metal-24xl:16:50 metal-48xl:24:50 xlarge:4:15
im4gn 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
inf1 24xlarge:11:30 2xlarge:4:10 6xlarge:8:30 xlarge:4:10
inf2 24xlarge:15:50 48xlarge:15:50 8xlarge:8:30 xlarge:4:15
is4gen 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 xlarge:4:15
m1 large:3:10 medium:2:6 small:2:4 xlarge:4:15
m2 2xlarge:4:30 4xlarge:8:30 xlarge:4:15
m3 2xlarge:4:30 large:3:10 medium:2:6 xlarge:4:15
m4 10xlarge:8:30 16xlarge:8:30 2xlarge:4:15 4xlarge:8:30 large:2:10 xlarge:4:15
m5 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
m5a 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
m5ad 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
m5d 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
m5dn 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
m5n 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
m5zn 12xlarge:15:50 2xlarge:4:15 3xlarge:8:30 6xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
m6a 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
m6g 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
m6gd 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
m6i 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
m6id 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
m6idn 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:8:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:8:50 xlarge:4:15
m6in 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:8:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:8:50 xlarge:4:15
m7a 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-48xl:15:50 xlarge:4:15
m7g 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
m7gd 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
m7i-flex 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
m7i 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
m8a 12xlarge:12:64 16xlarge:16:64 24xlarge:16:64 2xlarge:4:40 48xlarge:24:64 4xlarge:8:40 8xlarge:10:40 large:3:20 medium:2:4 metal-24xl:16:64 metal-48xl:24:64 xlarge:4:20
m8azn 12xlarge:16:64 24xlarge:16:64 3xlarge:8:40 6xlarge:8:40 large:4:20 medium:3:4 metal-12xl:16:64 metal-24xl:16:64 xlarge:4:20
m8g 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
m8gb 12xlarge:12:30 16xlarge:16:50 24xlarge:24:50 2xlarge:4:15 48xlarge:12:50 4xlarge:8:30 8xlarge:10:30 large:3:10 medium:2:4 metal-24xl:24:50 metal-48xl:12:50 xlarge:4:15
m8gd 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
m8gn 12xlarge:12:30 16xlarge:16:50 24xlarge:24:50 2xlarge:4:15 48xlarge:12:50 4xlarge:8:30 8xlarge:10:30 large:3:10 medium:2:4 metal-24xl:24:50 metal-48xl:12:50 xlarge:4:15
m8i-flex 12xlarge:12:50 16xlarge:16:64 2xlarge:4:30 4xlarge:8:50 8xlarge:10:50 large:3:20 xlarge:4:30
m8i 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:24:64 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 96xlarge:24:64 large:3:20 metal-48xl:24:64 metal-96xl:24:64 xlarge:4:30
m8ib 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
m8id 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:24:64 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 96xlarge:24:64 large:3:20 metal-48xl:24:64 metal-96xl:24:64 xlarge:4:30
m8idb 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
m8idn 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
m8in 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
m8ine 12xlarge:12:50 2xlarge:4:30 4xlarge:8:50 8xlarge:8:50 large:4:20 xlarge:4:30
m9g 12xlarge:12:50 16xlarge:16:64 24xlarge:24:64 2xlarge:4:30 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 large:3:20 medium:2:20 metal-48xl:24:64 xlarge:4:30
m9gd 12xlarge:12:50 16xlarge:16:64 24xlarge:24:64 2xlarge:4:30 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 large:3:20 medium:2:20 metal-48xl:24:64 xlarge:4:30
mac-m3ultra metal:8:30
mac-m4 metal:8:30
mac-m4max metal:8:30
mac-m4pro metal:8:30
mac1 metal:8:30
mac2-m1ultra metal:8:30
mac2-m2 metal:8:30
mac2-m2pro metal:8:30
mac2 metal:8:30
p3 16xlarge:8:30 2xlarge:4:15 8xlarge:8:30
p3dn 24xlarge:15:50
p4d 24xlarge:15:50
p4de 24xlarge:15:50
p5 48xlarge:2:50 4xlarge:4:30
p5e 48xlarge:2:50
p5en 48xlarge:4:50
p6-b200 48xlarge:4:50
p6-b300 48xlarge:4:50
r3 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
r4 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
r5 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
r5a 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
r5ad 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 xlarge:4:15
r5b 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
r5d 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
r5dn 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
r5n 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
r6a 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
r6g 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
r6gd 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
r6i 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
r6id 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
r6idn 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:8:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:8:50 xlarge:4:15
r6in 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:8:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal:8:50 xlarge:4:15
r7a 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-48xl:15:50 xlarge:4:15
r7g 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
r7gd 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
r7i 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
r7iz 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 32xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 metal-16xl:15:50 metal-32xl:15:50 xlarge:4:15
r8a 12xlarge:12:64 16xlarge:16:64 24xlarge:16:64 2xlarge:4:40 48xlarge:24:64 4xlarge:8:40 8xlarge:10:40 large:3:20 medium:2:4 metal-24xl:16:64 metal-48xl:24:64 xlarge:4:20
r8g 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
r8gb 12xlarge:12:30 16xlarge:16:50 24xlarge:24:50 2xlarge:4:15 48xlarge:12:50 4xlarge:8:30 8xlarge:10:30 large:3:10 medium:2:4 metal-24xl:24:50 metal-48xl:12:50 xlarge:4:15
r8gd 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
r8gn 12xlarge:12:30 16xlarge:16:50 24xlarge:24:50 2xlarge:4:15 48xlarge:12:50 4xlarge:8:30 8xlarge:10:30 large:3:10 medium:2:4 metal-24xl:24:50 metal-48xl:12:50 xlarge:4:15
r8i-flex 12xlarge:12:50 16xlarge:16:64 2xlarge:4:30 4xlarge:8:50 8xlarge:10:50 large:3:20 xlarge:4:30
r8i 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:24:64 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 96xlarge:24:64 large:3:20 metal-48xl:24:64 metal-96xl:24:64 xlarge:4:30
r8ib 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
r8id 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:24:64 48xlarge:24:64 4xlarge:8:50 8xlarge:10:50 96xlarge:24:64 large:3:20 metal-48xl:24:64 metal-96xl:24:64 xlarge:4:30
r8idb 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
r8idn 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
r8in 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:16:64 48xlarge:24:64 4xlarge:8:50 8xlarge:8:50 96xlarge:12:64 large:4:20 metal-48xl:24:64 metal-96xl:12:64 xlarge:4:30
t1 micro:2:2
t2 2xlarge:3:15 large:3:12 medium:3:6 micro:2:2 nano:2:2 small:3:4 xlarge:3:15
t3 2xlarge:4:15 large:3:12 medium:3:6 micro:2:2 nano:2:2 small:3:4 xlarge:4:15
t3a 2xlarge:4:15 large:3:12 medium:3:6 micro:2:2 nano:2:2 small:2:4 xlarge:4:15
t4g 2xlarge:4:15 large:3:12 medium:3:6 micro:2:2 nano:2:2 small:3:4 xlarge:4:15
trn1 2xlarge:4:15 32xlarge:5:50
trn1n 32xlarge:5:50
trn2 3xlarge:2:15 48xlarge:2:50
u-12tb1 metal:5:30
u-18tb1 metal:15:50
u-24tb1 metal:15:50
u-3tb1 56xlarge:8:30
u-6tb1 112xlarge:15:50 56xlarge:15:50 metal:5:30
u-9tb1 metal:5:30
u7i-12tb 224xlarge:15:50
u7i-6tb 112xlarge:15:50
u7i-8tb 112xlarge:15:50
u7in-16tb 224xlarge:8:50
u7in-24tb 224xlarge:8:50
u7in-32tb 224xlarge:8:50
vt1 24xlarge:15:50 3xlarge:4:15 6xlarge:8:30
x1 16xlarge:8:30 32xlarge:8:30
x1e 16xlarge:8:30 2xlarge:4:15 32xlarge:8:30 4xlarge:4:15 8xlarge:4:15 xlarge:3:10
x2gd 12xlarge:8:30 16xlarge:15:50 2xlarge:4:15 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal:15:50 xlarge:4:15
x2idn 16xlarge:15:50 24xlarge:15:50 32xlarge:15:50 metal:15:50
x2iedn 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 32xlarge:15:50 4xlarge:8:30 8xlarge:8:30 metal:15:50 xlarge:4:15
x2iezn 12xlarge:15:50 2xlarge:4:15 4xlarge:8:30 6xlarge:8:30 8xlarge:8:30 metal:15:50
x8aedz 12xlarge:16:64 24xlarge:16:64 3xlarge:8:40 6xlarge:8:40 large:4:20 metal-12xl:16:64 metal-24xl:16:64 xlarge:4:20
x8g 12xlarge:8:30 16xlarge:15:50 24xlarge:15:50 2xlarge:4:15 48xlarge:15:50 4xlarge:8:30 8xlarge:8:30 large:3:10 medium:2:4 metal-24xl:15:50 metal-48xl:15:50 xlarge:4:15
x8i 12xlarge:12:50 16xlarge:16:64 24xlarge:16:64 2xlarge:4:30 32xlarge:24:64 48xlarge:24:64 4xlarge:8:50 64xlarge:24:64 8xlarge:10:50 96xlarge:24:64 large:3:20 metal-48xl:24:64 metal-96xl:24:64 xlarge:4:30
z1d 12xlarge:15:50 2xlarge:4:15 3xlarge:8:30 6xlarge:8:30 large:3:10 metal:15:50 xlarge:4:15
`;

/** `machineType` → [ENIs, IPv4 addresses per ENI], built on first use: most synths ask nothing of it. */
let table: ReadonlyMap<string, readonly [number, number]> | undefined;
function limitsTable(): ReadonlyMap<string, readonly [number, number]> {
  table ??= new Map(
    LIMITS.trim()
      .split('\n')
      .flatMap((line) => {
        const [family, ...sizes] = line.split(' ');
        return sizes.map((entry) => {
          const [size, enis, addresses] = entry.split(':');
          return [`${family}.${size}`, [Number(enis), Number(addresses)] as const] as const;
        });
      }),
  );
  return table;
}

/** The ENIs of the default network card and the IPv4 addresses per ENI of an EC2 instance type, or undefined when it is not in the table. */
export function eksEniLimits(machineType: string): { readonly enis: number; readonly addresses: number } | undefined {
  const limits = limitsTable().get(machineType);
  return limits ? { enis: limits[0], addresses: limits[1] } : undefined;
}
