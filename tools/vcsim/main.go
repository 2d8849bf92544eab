// vcsim: govmomi's vCenter/ESXi simulator for vmcompare's agent tests.
// Built from Debian's packaged govmomi sources; see build.sh.
//
// Beyond the stock inventory it varies a few VMs (CPU, memory, guest OS,
// firmware, disk controllers, NIC models, a template) so the agent is tested
// on more than one device layout, and with -dump it writes the simulator's
// own in-memory view of every VM as JSON. That dump reads the simulator's Go
// objects directly (no SOAP), so tests compare the agent against an
// independent source of truth.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/esx"
	"github.com/vmware/govmomi/simulator/vpx"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

type diskDump struct {
	CapacityInKB    int64  `json:"capacityInKB"`
	CapacityInBytes int64  `json:"capacityInBytes"`
	ControllerType  string `json:"controllerType"`
	Thin            *bool  `json:"thin"`
}

type nicDump struct {
	Type    string `json:"type"`
	Network string `json:"network"`
	Mac     string `json:"mac"`
}

type vmDump struct {
	Name              string     `json:"name"`
	Template          bool       `json:"template"`
	NumCPU            int32      `json:"numCPU"`
	NumCoresPerSocket int32      `json:"numCoresPerSocket"`
	MemoryMB          int32      `json:"memoryMB"`
	GuestID           string     `json:"guestId"`
	GuestFullName     string     `json:"guestFullName"`
	Version           string     `json:"version"`
	Firmware          string     `json:"firmware"`
	UUID              string     `json:"uuid"`
	InstanceUUID      string     `json:"instanceUuid"`
	Host              string     `json:"host"`
	Disks             []diskDump `json:"disks"`
	Nics              []nicDump  `json:"nics"`
	Cdroms            int        `json:"cdroms"`
}

type hostDump struct {
	Name           string `json:"name"`
	Vendor         string `json:"vendor"`
	Model          string `json:"model"`
	CPUModel       string `json:"cpuModel"`
	ProductName    string `json:"productName"`
	ProductVersion string `json:"productVersion"`
}

type inventoryDump struct {
	AboutName    string     `json:"aboutName"`
	AboutVersion string     `json:"aboutVersion"`
	APIType      string     `json:"apiType"`
	// VmPerf: the simulator's own VM sample data per counter name ("cpu.usage.average"): the ground truth
	// that its PerformanceManager cycles through (with noise) when QueryPerf asks for history.
	VmPerf map[string]perfDump `json:"vmPerf"`
	VMs          []vmDump   `json:"vms"`
	Hosts        []hostDump `json:"hosts"`
}

func typeName(v interface{}) string {
	return strings.TrimPrefix(fmt.Sprintf("%T", v), "*types.")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "vcsim:", err)
	os.Exit(1)
}

func wait(ctx context.Context, what string, t *object.Task, err error) {
	if err == nil {
		_, err = t.WaitForResult(ctx, nil)
	}
	if err != nil {
		fail(fmt.Errorf("%s: %v", what, err))
	}
}

// vary gives some VMs a different shape; VMs are taken in name order so the
// result is the same on every run.
func vary(ctx context.Context, c *govmomi.Client) {
	m := view.NewManager(c.Client)
	v, err := m.CreateContainerView(ctx, c.ServiceContent.RootFolder, []string{"VirtualMachine"}, true)
	if err != nil {
		fail(err)
	}
	defer v.Destroy(ctx)
	var vms []mo.VirtualMachine
	if err := v.Retrieve(ctx, []string{"VirtualMachine"}, []string{"name"}, &vms); err != nil {
		fail(err)
	}
	sort.Slice(vms, func(i, j int) bool { return vms[i].Name < vms[j].Name })
	if len(vms) < 4 {
		return
	}
	thin := true
	thick := false

	// vms[0] stays as the simulator made it.

	// vms[1]: a Windows server on EFI with a second, thin disk and a vmxnet3 NIC.
	vm1 := object.NewVirtualMachine(c.Client, vms[1].Reference())
	devs, err := vm1.Device(ctx)
	if err != nil {
		fail(err)
	}
	scsi := devs.PickController((*types.ParaVirtualSCSIController)(nil))
	disk := devs.CreateDisk(scsi, types.ManagedObjectReference{}, "[LocalDS_0] "+vms[1].Name+"/data.vmdk")
	disk.CapacityInKB = 40 * 1024 * 1024
	disk.Backing.(*types.VirtualDiskFlatVer2BackingInfo).ThinProvisioned = &thin
	net := &types.VirtualEthernetCardNetworkBackingInfo{
		VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{DeviceName: "VM Network"},
	}
	vmx3, err := devs.CreateEthernetCard("vmxnet3", net)
	if err != nil {
		fail(err)
	}
	add := []types.BaseVirtualDevice{disk, vmx3}
	change, err := object.VirtualDeviceList(add).ConfigSpec(types.VirtualDeviceConfigSpecOperationAdd)
	if err != nil {
		fail(err)
	}
	t, err := vm1.Reconfigure(ctx, types.VirtualMachineConfigSpec{
		NumCPUs: 4, NumCoresPerSocket: 2, MemoryMB: 8192,
		GuestId: "windows9Server64Guest", Firmware: "efi",
		DeviceChange: change,
	})
	wait(ctx, "vary "+vms[1].Name, t, err)

	// vms[2]: a Linux VM with an NVMe disk (thick) and an e1000e NIC.
	vm2 := object.NewVirtualMachine(c.Client, vms[2].Reference())
	devs, err = vm2.Device(ctx)
	if err != nil {
		fail(err)
	}
	nvme, err := devs.CreateNVMEController()
	if err != nil {
		fail(err)
	}
	devs = append(devs, nvme)
	disk2 := devs.CreateDisk(nvme.(types.BaseVirtualController), types.ManagedObjectReference{}, "[LocalDS_0] "+vms[2].Name+"/nvme.vmdk")
	disk2.CapacityInKB = 100 * 1024 * 1024
	disk2.Backing.(*types.VirtualDiskFlatVer2BackingInfo).ThinProvisioned = &thick
	e1000e, err := devs.CreateEthernetCard("e1000e", &types.VirtualEthernetCardNetworkBackingInfo{
		VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{DeviceName: "VM Network"},
	})
	if err != nil {
		fail(err)
	}
	change, err = object.VirtualDeviceList([]types.BaseVirtualDevice{nvme, disk2, e1000e}).ConfigSpec(types.VirtualDeviceConfigSpecOperationAdd)
	if err != nil {
		fail(err)
	}
	t, err = vm2.Reconfigure(ctx, types.VirtualMachineConfigSpec{
		NumCPUs: 2, MemoryMB: 2048, GuestId: "rhel7_64Guest", DeviceChange: change,
	})
	wait(ctx, "vary "+vms[2].Name, t, err)

	// vms[3]: a template, which the agent must skip.
	vm3 := object.NewVirtualMachine(c.Client, vms[3].Reference())
	if state, _ := vm3.PowerState(ctx); state == types.VirtualMachinePowerStatePoweredOn {
		t, err = vm3.PowerOff(ctx)
		wait(ctx, "power off "+vms[3].Name, t, err)
	}
	if err := vm3.MarkAsTemplate(ctx); err != nil {
		fail(err)
	}
}

type perfDump struct {
	Key   int32   `json:"key"`
	Mean  float64 `json:"mean"`
	Count int     `json:"count"`
}

func vmPerf(apiType string) map[string]perfDump {
	counters, data := vpx.PerfCounter, vpx.VmMetricData
	if apiType == "HostAgent" {
		counters, data = esx.PerfCounter, esx.VmMetricData
	}
	out := map[string]perfDump{}
	for _, pc := range counters {
		points := data[pc.Key]
		if len(points) == 0 || pc.GroupInfo == nil || pc.NameInfo == nil {
			continue
		}
		sum := 0.0
		for _, p := range points {
			sum += float64(p)
		}
		name := pc.GroupInfo.GetElementDescription().Key + "." + pc.NameInfo.GetElementDescription().Key + "." + string(pc.RollupType)
		if _, seen := out[name]; !seen {
			out[name] = perfDump{Key: pc.Key, Mean: sum / float64(len(points)), Count: len(points)}
		}
	}
	return out
}

func dump(path string, c *govmomi.Client) {
	out := inventoryDump{
		AboutName:    c.ServiceContent.About.Name,
		AboutVersion: c.ServiceContent.About.Version,
		APIType:      c.ServiceContent.About.ApiType,
		VMs:          []vmDump{},
		Hosts:        []hostDump{},
		VmPerf:       vmPerf(c.ServiceContent.About.ApiType),
	}
	for _, e := range simulator.Map.All("HostSystem") {
		h := e.(*simulator.HostSystem)
		d := hostDump{Name: h.Name}
		if hw := h.Summary.Hardware; hw != nil {
			d.Vendor, d.Model, d.CPUModel = hw.Vendor, hw.Model, hw.CpuModel
		}
		if p := h.Summary.Config.Product; p != nil {
			d.ProductName, d.ProductVersion = p.Name, p.Version
		}
		out.Hosts = append(out.Hosts, d)
	}
	for _, e := range simulator.Map.All("VirtualMachine") {
		vm := e.(*simulator.VirtualMachine)
		cfg := vm.Config
		d := vmDump{
			Name: vm.Name, Template: cfg.Template,
			NumCPU: cfg.Hardware.NumCPU, NumCoresPerSocket: cfg.Hardware.NumCoresPerSocket,
			MemoryMB: cfg.Hardware.MemoryMB, GuestID: cfg.GuestId, GuestFullName: cfg.GuestFullName,
			Version: cfg.Version, Firmware: cfg.Firmware, UUID: cfg.Uuid, InstanceUUID: cfg.InstanceUuid,
			Disks: []diskDump{}, Nics: []nicDump{},
		}
		if vm.Runtime.Host != nil {
			if h, ok := simulator.Map.Get(*vm.Runtime.Host).(*simulator.HostSystem); ok {
				d.Host = h.Name
			}
		}
		byKey := map[int32]types.BaseVirtualDevice{}
		for _, dev := range cfg.Hardware.Device {
			byKey[dev.GetVirtualDevice().Key] = dev
		}
		for _, dev := range cfg.Hardware.Device {
			switch x := dev.(type) {
			case *types.VirtualDisk:
				dd := diskDump{CapacityInKB: x.CapacityInKB, CapacityInBytes: x.CapacityInBytes}
				if ctl, ok := byKey[x.ControllerKey]; ok {
					dd.ControllerType = typeName(ctl)
				}
				if b, ok := x.Backing.(*types.VirtualDiskFlatVer2BackingInfo); ok {
					dd.Thin = b.ThinProvisioned
				}
				d.Disks = append(d.Disks, dd)
			case *types.VirtualCdrom:
				d.Cdroms++
			case types.BaseVirtualEthernetCard:
				card := x.GetVirtualEthernetCard()
				nd := nicDump{Type: typeName(dev), Mac: card.MacAddress}
				switch b := card.Backing.(type) {
				case *types.VirtualEthernetCardNetworkBackingInfo:
					nd.Network = b.DeviceName
				case *types.VirtualEthernetCardDistributedVirtualPortBackingInfo:
					ref := types.ManagedObjectReference{Type: "DistributedVirtualPortgroup", Value: b.Port.PortgroupKey}
					if pg, ok := simulator.Map.Get(ref).(*simulator.DistributedVirtualPortgroup); ok {
						nd.Network = pg.Name
					}
				}
				d.Nics = append(d.Nics, nd)
			}
		}
		out.VMs = append(out.VMs, d)
	}
	sort.Slice(out.VMs, func(i, j int) bool { return out.VMs[i].Name < out.VMs[j].Name })
	sort.Slice(out.Hosts, func(i, j int) bool { return out.Hosts[i].Name < out.Hosts[j].Name })
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		fail(err)
	}
}

func main() {
	listen := flag.String("l", "127.0.0.1:8989", "address to listen on")
	esx := flag.Bool("esx", false, "simulate a standalone ESXi host instead of vCenter")
	hosts := flag.Int("host", 2, "hosts per cluster")
	vms := flag.Int("vm", 4, "virtual machines per host / resource pool")
	user := flag.String("username", "user", "login user name")
	pass := flag.String("password", "pass", "login password")
	noVary := flag.Bool("plain", false, "keep the stock inventory (no varied VMs, no template)")
	dumpPath := flag.String("dump", "", "write the simulator's own view of the inventory as JSON to this file")
	flag.Parse()

	m := simulator.VPX()
	if *esx {
		m = simulator.ESX()
	} else {
		m.Host = *hosts
	}
	m.Machine = *vms
	defer m.Remove()
	if err := m.Create(); err != nil {
		fail(err)
	}
	u, err := url.Parse("http://" + *listen + "/sdk")
	if err != nil {
		fail(err)
	}
	m.Service.Listen = u
	m.Service.TLS = nil
	s := m.Service.NewServer()
	// A non-default login makes the simulator check the password, so a wrong one is refused.
	s.URL.User = url.UserPassword(*user, *pass)
	m.Service.Listen.User = s.URL.User

	ctx := context.Background()
	c, err := govmomi.NewClient(ctx, s.URL, true)
	if err != nil {
		fail(err)
	}
	if !*noVary {
		vary(ctx, c)
	}
	if *dumpPath != "" {
		dump(*dumpPath, c)
	}
	_ = c.Logout(ctx)

	// Printed last: tests wait for this line, so the inventory is final once it appears.
	fmt.Println(s.URL.String())

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	s.Close()
}
